package dev.orders.local.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.faults.FaultJson;
import dev.orders.local.faults.FaultRequestException;
import dev.orders.local.faults.InjectedFaults;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /_local/faults}: {@code GET} lists the faults on, {@code POST} adds one (201 with it; 400 with the reason and
 * nothing changed when the request is wrong), {@code GET|DELETE /_local/faults/ID} shows or removes one (404 when there
 * is no such fault; 409 for a fault a running deployment injected, which ends with it), {@code DELETE /_local/faults}
 * removes them all but the deployment's. Every answer is JSON.
 */
public record FaultsView(InjectedFaults faults, Clock time) implements CommandView {

    @Override
    public Answer handle(String method, String subpath, Map<String, String> query, byte[] body) {
        Instant now = time.instant();
        if (subpath.isEmpty()) {
            return switch (method) {
                case "GET", "HEAD" -> Answer.ok(list(faults.list(), now));
                case "POST" -> {
                    try {
                        var added = faults.add(body);
                        yield new Answer(201, FaultJson.write(added, 0, now));
                    } catch (FaultRequestException refused) {
                        yield Answer.error(400, refused.getMessage());
                    }
                }
                case "DELETE" -> {
                    ObjectNode answer = list(faults.clear(), now);
                    yield Answer.ok(answer.put("removed", answer.path("faults").size()));
                }
                default -> Answer.error(405, "Method Not Allowed: /_local/faults takes GET, POST and DELETE");
            };
        }
        if (subpath.contains("/")) {
            return Answer.error(404, "Not Found");
        }
        return switch (method) {
            case "GET", "HEAD" ->
                faults.get(subpath)
                        .<Answer>map(l -> Answer.ok(FaultJson.write(l.fault(), l.applied(), now)))
                        .orElseGet(() -> Answer.error(
                                404, "no fault " + subpath + " is on (it ended, was removed, or never was)"));
            case "DELETE" -> {
                try {
                    yield faults.remove(subpath)
                            .<Answer>map(l -> Answer.ok(FaultJson.write(l.fault(), l.applied(), now)))
                            .orElseGet(() -> Answer.error(
                                    404, "no fault " + subpath + " is on (it ended, was removed, or never was)"));
                } catch (FaultRequestException deployments) {
                    yield Answer.error(409, deployments.getMessage());
                }
            }
            default -> Answer.error(405, "Method Not Allowed: /_local/faults/ID takes GET and DELETE");
        };
    }

    private static ObjectNode list(List<InjectedFaults.Listed> listed, Instant now) {
        ObjectNode body = Json.internal().createObjectNode();
        ArrayNode list = body.putArray("faults");
        listed.forEach(l -> list.add(FaultJson.write(l.fault(), l.applied(), now)));
        return body;
    }
}
