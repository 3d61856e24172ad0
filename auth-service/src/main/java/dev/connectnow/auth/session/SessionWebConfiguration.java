package dev.connectnow.auth.session;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Controllers may take a {@link ClientInfo} parameter (client address and User-Agent, as sessions record them);
 * every authenticated API call counts as activity of its session ({@link SessionActivity}).
 */
@Configuration(proxyBeanMethods = false)
class SessionWebConfiguration implements WebMvcConfigurer {

    private final ChassisProperties chassis;
    private final SessionActivity activity;

    SessionWebConfiguration(ChassisProperties chassis, SessionActivity activity) {
        this.chassis = chassis;
        this.activity = activity;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return ClientInfo.class.equals(parameter.getParameterType());
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mavContainer,
                    NativeWebRequest webRequest,
                    WebDataBinderFactory binderFactory) {
                HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
                return new ClientInfo(
                        ClientAddress.of(request, chassis.getHttp().getTrustedProxies()),
                        request.getHeader(HttpHeaders.USER_AGENT));
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        Authentication authentication =
                                SecurityContextHolder.getContext().getAuthentication();
                        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
                            AuthenticatedUser user = AuthenticatedUser.from(jwt);
                            activity.touch(user.userId(), user.sessionId());
                        }
                        return true;
                    }
                })
                .addPathPatterns("/api/**");
    }
}
