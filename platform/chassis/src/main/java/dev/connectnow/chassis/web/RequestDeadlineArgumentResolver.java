package dev.connectnow.chassis.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link RequestDeadline} controller parameters from what {@link RequestDeadlineFilter} read. */
public class RequestDeadlineArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return RequestDeadline.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Object deadline = webRequest.getAttribute(RequestDeadline.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return deadline instanceof RequestDeadline known ? known : RequestDeadline.none();
    }
}
