package dev.orders.local.paths;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.local.edge.CloudFrontEdge;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.LocalFunction;
import java.util.List;
import java.util.Optional;

/**
 * P5: the template's CloudFront distribution in front of the API — its viewer-request function (the same
 * {@code edge/viewer-request.js} CloudFront runs, on GraalJS) and its response headers policy. No Lambda function:
 * CloudFront Functions run in CloudFront.
 */
public final class EdgePath implements TriggerPath {

    private final Optional<CloudFrontEdge> edge;

    public EdgePath(Wiring wiring) {
        this.edge = CloudFrontEdge.open(wiring.template(), wiring.dataDir());
    }

    @Override
    public void serve(HttpGateway gateway) {
        edge.ifPresent(gateway::edge);
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.of();
    }

    /**
     * GraalJS's start (about 2 s, once per JVM) is paid here, before the gateway accepts requests: a request arriving
     * while the engine starts would wait that long.
     */
    @Override
    public void start() {
        edge.ifPresent(CloudFrontEdge::warmUp);
    }

    /** The distribution's counts, as CloudFront publishes them (invocations, execution and validation errors). */
    public Optional<ObjectNode> health() {
        return edge.map(CloudFrontEdge::health);
    }

    @Override
    public void close() {
        edge.ifPresent(CloudFrontEdge::close);
    }
}
