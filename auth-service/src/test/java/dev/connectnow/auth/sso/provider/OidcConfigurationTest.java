package dev.connectnow.auth.sso.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Provider settings: the environment variables docs/sso.md names bind, and mistakes stop the start-up. */
class OidcConfigurationTest {

    @Test
    void providersBindFromTheDocumentedEnvironmentVariables() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                        "CONNECTNOW_AUTH_OIDC_PROVIDERS_KEYCLOAK_ISSUERURI", "https://sso.example.com/realms/acme",
                        "CONNECTNOW_AUTH_OIDC_PROVIDERS_KEYCLOAK_AUDIENCES", "connectnow-web,connectnow-mobile",
                        "CONNECTNOW_AUTH_OIDC_PROVIDERS_KEYCLOAK_TRUSTVERIFIEDEMAIL", "true",
                        "CONNECTNOW_AUTH_OIDC_REQUESTTIMEOUT", "3s"));
        OidcProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bind("connectnow.auth.oidc", OidcProperties.class)
                .get();

        assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.jwksMinRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
        OidcProvider keycloak =
                OidcProvider.of("keycloak", properties.providers().get("keycloak"));
        assertThat(keycloak.issuer()).isEqualTo("https://sso.example.com/realms/acme");
        assertThat(keycloak.audiences()).containsExactlyInAnyOrder("connectnow-web", "connectnow-mobile");
        assertThat(keycloak.trustVerifiedEmail()).isTrue();
        assertThat(keycloak.discoveryUri())
                .hasToString("https://sso.example.com/realms/acme/.well-known/openid-configuration");
    }

    @Test
    void noProviderIsConfiguredByDefault() {
        OidcProviders providers = new OidcProviders(
                new OidcProperties(null, null, null, null, null, null, null, null, 0), Clock.systemUTC());
        assertThat(providers.all()).isEmpty();
    }

    @Test
    void misconfiguredProvidersStopTheStartUp() {
        assertThatThrownBy(() -> OidcProvider.of("Key Cloak", provider("https://sso.example.com", "web")))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> OidcProvider.of("keycloak", provider("ftp://sso.example.com", "web")))
                .hasMessageContaining("issuer-uri");
        assertThatThrownBy(() -> OidcProvider.of("keycloak", provider("/realms/acme", "web")))
                .hasMessageContaining("issuer-uri");
        assertThatThrownBy(() -> OidcProvider.of("keycloak", provider("https://sso.example.com", " ")))
                .hasMessageContaining("audiences");
        OidcProperties.Provider same = provider("https://sso.example.com/realms/acme", "web");
        assertThatThrownBy(() -> new OidcProviders(
                        new OidcProperties(Map.of("a", same, "b", same), null, null, null, null, null, null, null, 0),
                        Clock.systemUTC()))
                .hasMessageContaining("two providers");
        assertThat(OidcProvider.of("keycloak", provider("https://sso.example.com/", "web"))
                        .discoveryUri())
                .hasToString("https://sso.example.com/.well-known/openid-configuration");
    }

    private static OidcProperties.Provider provider(String issuer, String audience) {
        return new OidcProperties.Provider(issuer, List.of(audience), false);
    }
}
