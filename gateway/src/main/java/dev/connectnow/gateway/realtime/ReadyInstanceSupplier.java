package dev.connectnow.gateway.realtime;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Picks the candidates for a realtime socket among the registered instances that are <em>ready</em>
 * ({@link InstanceReadiness}): a process killed without deregistering stays in Eureka until its lease
 * expires, and a stopping one until its deregistration reaches the gateway; neither gets a socket.
 *
 * <ul>
 *   <li>A new socket ({@code /ws}, no hint): any ready instance.</li>
 *   <li>A RESUME ({@code /ws/resume/{key}}; the route copies the key into the hint header): the ready
 *   instance whose Eureka metadata {@code hint} is that key — it holds the session. When it is not ready or
 *   not listed (restarted, stopped, killed), any other ready instance, which answers INVALID_SESSION at
 *   once.</li>
 *   <li>No instance answers ready: every listed instance (the connect decides), so that a slow readiness
 *   answer never turns into a refusal by the gateway.</li>
 * </ul>
 *
 * This replaces Spring Cloud's {@code HintBasedServiceInstanceListSupplier}, which trusts the registry.
 */
final class ReadyInstanceSupplier extends DelegatingServiceInstanceListSupplier {

    static final String HINT_METADATA = "hint";

    private final String hintHeader;
    private final InstanceReadiness readiness;

    ReadyInstanceSupplier(ServiceInstanceListSupplier delegate, String hintHeader, InstanceReadiness readiness) {
        super(delegate);
        this.hintHeader = hintHeader;
        this.readiness = readiness;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return delegate.get().concatMap(instances -> candidates(instances, null));
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        String hint = hint(request);
        return delegate.get(request).concatMap(instances -> candidates(instances, hint));
    }

    private Mono<List<ServiceInstance>> candidates(List<ServiceInstance> instances, String hint) {
        return Flux.fromIterable(instances)
                .flatMap(instance -> readiness
                        .isReady(instance, isOwner(instance, hint))
                        .filter(ready -> ready)
                        .map(ready -> instance))
                .collectList()
                .map(ready -> {
                    if (ready.isEmpty()) {
                        return instances;
                    }
                    List<ServiceInstance> owner = ready.stream()
                            .filter(instance -> isOwner(instance, hint))
                            .toList();
                    return owner.isEmpty() ? ready : owner;
                });
    }

    private static boolean isOwner(ServiceInstance instance, String hint) {
        return hint != null && hint.equals(instance.getMetadata().get(HINT_METADATA));
    }

    private String hint(Request request) {
        if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null) {
            HttpHeaders headers = context.getClientRequest().getHeaders();
            String hint = headers == null ? null : headers.getFirst(hintHeader);
            return hint == null || hint.isBlank() ? null : hint;
        }
        return null;
    }
}
