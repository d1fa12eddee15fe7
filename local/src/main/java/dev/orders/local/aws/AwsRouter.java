package dev.orders.local.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS services at the gateway's base URL, and which of them a request is for. SDKs sign every call
 * with SigV4, whose credential scope names the service ({@code kinesis}, {@code lambda}, {@code monitoring},
 * {@code s3}): that is the dispatch key. A request without one (a hand-made {@code curl}, an S3 browser POST
 * form) goes to the first service that {@link AwsService#accepts} it. Anything else is not an AWS call, and
 * the gateway serves it as API Gateway would. Adding a service is one {@link #register} line.
 */
public final class AwsRouter {

    private static final Logger LOG = LoggerFactory.getLogger(AwsRouter.class);
    /** SigV4 for API Gateway's IAM authorization: a call to the API itself, not to an AWS service here. */
    static final String API_GATEWAY_SIGNING_NAME = "execute-api";

    private final Map<String, AwsService> bySigningName = new ConcurrentHashMap<>();
    private final List<AwsService> services = new CopyOnWriteArrayList<>();

    public AwsRouter register(AwsService service) {
        if (bySigningName.putIfAbsent(service.signingName(), service) != null) {
            throw new IllegalArgumentException(
                    "a service signing as '" + service.signingName() + "' is registered already");
        }
        services.add(service);
        return this;
    }

    /** The signing names served, in registration order (for health and error messages). */
    public List<String> signingNames() {
        return services.stream().map(AwsService::signingName).toList();
    }

    /** The service a request is for, if it is an AWS call this endpoint serves. */
    public Optional<AwsService> find(AwsRequest request) {
        Optional<CredentialScope> scope = request.credentialScope();
        if (scope.isPresent()) {
            AwsService signedFor = bySigningName.get(scope.get().service());
            if (signedFor != null) {
                return Optional.of(signedFor);
            }
        }
        return services.stream().filter(s -> s.accepts(request)).findFirst();
    }

    /** Whether the request is an AWS call at all (served here or not): those never reach API routes or edge functions. */
    public boolean isAwsCall(AwsRequest request) {
        return find(request).isPresent()
                || unservedService(request).isPresent()
                || request.header("X-Amz-Target").isPresent();
    }

    /**
     * The answer to an AWS call, or empty when the request is not one. A call signed for a service not served
     * here, or an {@code X-Amz-Target} nobody accepts, is answered 400 in the protocol it speaks.
     */
    public Optional<AwsResponse> route(AwsRequest request) {
        Optional<AwsService> service = find(request);
        if (service.isPresent()) {
            return Optional.of(handle(service.get(), request));
        }
        Optional<String> unserved = unservedService(request);
        if (unserved.isPresent() || request.header("X-Amz-Target").isPresent()) {
            String what = unserved.map(name -> "service '" + name + "'")
                    .orElseGet(
                            () -> "operation " + request.header("X-Amz-Target").orElseThrow());
            return Optional.of(AwsErrors.in(
                    AwsProtocol.of(request, unserved.orElse(null)),
                    request,
                    400,
                    "UnknownOperationException",
                    "The local endpoint does not serve the " + what + " (served: " + String.join(", ", signingNames())
                            + ")"));
        }
        return Optional.empty();
    }

    /**
     * The service that reads this request's body itself ({@link AwsService#streamsBody}), judged from its head (the
     * request without its body): the endpoint then passes the body unread to {@link #routeStreaming}.
     */
    public Optional<AwsService> streaming(AwsRequest head) {
        return find(head).filter(service -> service.streamsBody(head));
    }

    /** The answer of {@code service} to a request whose body it streams; a fault is answered as {@link #route} answers one. */
    public AwsResponse routeStreaming(AwsService service, AwsRequest head, java.io.InputStream body) {
        try {
            return service.handle(head, body);
        } catch (Exception fault) {
            LOG.error("{} failed on {} {}", service.signingName(), head.method(), head.path(), fault);
            AwsProtocol protocol = AwsProtocol.of(head, service.signingName());
            return AwsErrors.in(
                    protocol,
                    head,
                    500,
                    protocol == AwsProtocol.REST_XML ? "InternalError" : "InternalFailure",
                    "The local " + service.signingName() + " endpoint failed; see the runtime's log");
        }
    }

    private Optional<String> unservedService(AwsRequest request) {
        return request.credentialScope()
                .map(CredentialScope::service)
                .filter(name -> !bySigningName.containsKey(name) && !name.equals(API_GATEWAY_SIGNING_NAME));
    }

    private static AwsResponse handle(AwsService service, AwsRequest request) {
        try {
            return service.handle(request);
        } catch (Exception fault) {
            // A service's own bug, not the client's: worth a stack trace, answered as the service would answer a fault.
            LOG.error("{} failed on {} {}", service.signingName(), request.method(), request.path(), fault);
            AwsProtocol protocol = AwsProtocol.of(request, service.signingName());
            return AwsErrors.in(
                    protocol,
                    request,
                    500,
                    protocol == AwsProtocol.REST_XML ? "InternalError" : "InternalFailure",
                    "The local " + service.signingName() + " endpoint failed; see the runtime's log");
        }
    }
}
