package dev.connectnow.auth.sso;

import dev.connectnow.auth.account.TokenResponse;
import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Single sign-on", description = "Sign in with an OpenID Connect provider; linked identities")
public class SingleSignOnController {

    private static final String TOKEN = "/api/auth/token";
    private static final String IDENTITIES = "/api/users/me/identities";

    private final SingleSignOnService sso;

    public SingleSignOnController(SingleSignOnService sso) {
        this.sso = sso;
    }

    @PostMapping(path = TOKEN, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(
            summary = "RFC 8693 token exchange: a configured provider's ID or access token for ConnectNow tokens "
                    + "(signs in, provisioning or linking the account); same answer as login")
    public TokenResponse exchangeForm(
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, ClientInfo client) {
        if (request.getQueryString() != null) {
            // tokens in URLs end up in logs: the parameters belong in the body (RFC 6749, section 3.2)
            throw ApiException.badRequest("Send the parameters in the request body, not in the URL")
                    .with("error", "invalid_request");
        }
        return sso.exchange(TokenExchangeRequest.fromForm(form), client);
    }

    @PostMapping(path = TOKEN, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The same token exchange with a JSON body of the same parameter names")
    public TokenResponse exchangeJson(@RequestBody TokenExchangeRequest body, ClientInfo client) {
        return sso.exchange(body, client);
    }

    @GetMapping(IDENTITIES)
    @Operation(summary = "My linked provider identities, oldest first")
    public List<IdentityView> identities(AuthenticatedUser me) {
        return sso.mine(me.userId());
    }

    @PostMapping(IDENTITIES)
    @Operation(summary = "Link the provider account of a fresh provider token to my account (201; 200 if it was)")
    public ResponseEntity<IdentityView> link(AuthenticatedUser me, @Valid @RequestBody LinkIdentityRequest request) {
        IdentityStore.Linked linked = sso.link(me.userId(), request);
        return ResponseEntity.status(linked.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(IdentityView.of(linked.identity()));
    }

    @DeleteMapping(IDENTITIES + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unlink one of my identities; 409 when it is the account's last way to sign in")
    public void unlink(AuthenticatedUser me, @PathVariable UUID id) {
        sso.unlink(me.userId(), id);
    }
}
