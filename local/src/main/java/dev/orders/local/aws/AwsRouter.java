package dev.orders.local.aws;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Routes AWS-protocol requests to the service they are for: by the SigV4 signing name when the request is
 * signed, else by asking each service whether it speaks the request (provisional; see {@link AwsService}).
 */
public final class AwsRouter {

    private final List<AwsService> services = new CopyOnWriteArrayList<>();

    public void register(AwsService service) {
        services.add(service);
    }

    public Optional<AwsService> route(AwsRequest request) {
        Optional<String> signed = request.signingName();
        if (signed.isPresent()) {
            return services.stream().filter(s -> s.signingName().equals(signed.get())).findFirst();
        }
        return services.stream().filter(s -> s.accepts(request)).findFirst();
    }
}
