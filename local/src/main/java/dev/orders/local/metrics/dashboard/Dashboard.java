package dev.orders.local.metrics.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.metrics.TimeSeries;
import dev.orders.local.metrics.alarms.AlarmDefinition;
import dev.orders.local.metrics.alarms.AlarmStatus;
import dev.orders.local.metrics.alarms.Alarms;
import dev.orders.local.time.TimeScale;
import dev.orders.local.views.LocalViews;
import dev.orders.local.views.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard at {@code GET /} and {@code /_local/dashboard}: a page (and its script, styles and the bundled
 * uPlot charting library, all served from the runtime's own jar) that polls {@code /_local/dashboard/data} every
 * two seconds for the template's widgets as series, the alarms, and the platform's state.
 */
public final class Dashboard {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private final List<DashboardBody.Widget> widgets;
    private final MetricDataQueries queries;
    private final Alarms alarms;
    private final PlatformState platform;
    private final TimeScale time;

    public Dashboard(
            List<DashboardBody.Widget> widgets,
            MetricDataQueries queries,
            Alarms alarms,
            PlatformState platform,
            TimeScale time) {
        this.widgets = List.copyOf(widgets);
        this.queries = queries;
        this.alarms = alarms;
        this.platform = platform;
        this.time = time;
    }

    /** The page, its files and its data, as local views: {@code /_local/dashboard…} ({@code GET /} serves the page too). */
    public void register(LocalViews views) {
        views.register("dashboard", query -> resource("dashboard/index.html", "text/html; charset=utf-8"))
                .register("dashboard/app.js", query -> resource("dashboard/app.js", "text/javascript; charset=utf-8"))
                .register("dashboard/app.css", query -> resource("dashboard/app.css", "text/css; charset=utf-8"))
                .register(
                        "dashboard/uPlot.iife.min.js",
                        query -> resource(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"))
                .register(
                        "dashboard/uPlot.min.css",
                        query -> resource(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"))
                .register("dashboard/data", query -> {
                    int minutes;
                    try {
                        minutes = Integer.parseInt(query.getOrDefault("minutes", "60"));
                    } catch (NumberFormatException bad) {
                        return View.Answer.error(400, "minutes must be a whole number");
                    }
                    if (minutes < 5 || minutes > 24 * 60) {
                        return View.Answer.error(400, "minutes must be from 5 to 1440");
                    }
                    return View.Answer.ok(data(minutes));
                });
    }

    private static View.Answer resource(String path, String contentType) {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return View.Answer.error(404, "Not Found");
            }
            return View.Answer.raw(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the page draws, for the last {@code minutes} of scaled time. */
    public ObjectNode data(int minutes) {
        Instant now = time.instant();
        ObjectNode data = Json.internal().createObjectNode();
        data.put("now", now.toEpochMilli());
        data.put("timeScale", time.factor());
        data.put("minutes", minutes);
        ArrayNode widgetList = data.putArray("widgets");
        for (DashboardBody.Widget w : widgets) {
            ObjectNode node = widgetList
                    .addObject()
                    .put("type", w.type())
                    .put("x", w.x())
                    .put("y", w.y())
                    .put("width", w.width())
                    .put("height", w.height())
                    .put("title", w.title())
                    .put("view", w.view())
                    .put("stat", w.properties().path("stat").asText("Average"))
                    .put("period", w.periodSeconds());
            if (w.type().equals("text")) {
                node.put("markdown", w.properties().path("markdown").asText(""));
            }
            if (w.type().equals("alarm")) {
                w.properties()
                        .path("alarms")
                        .forEach(a -> node.withArray("alarms").add(a.asText()));
            }
            if (w.queries().isEmpty()) {
                continue;
            }
            ArrayNode series = node.putArray("series");
            try {
                Instant end = TimeSeries.alignUp(now.plusMillis(1), w.periodSeconds());
                List<MetricDataQueries.Result> results =
                        queries.run(w.queries(), end.minus(Duration.ofMinutes(minutes)), end);
                for (int i = 0; i < results.size(); i++) {
                    MetricDataQueries.Result r = results.get(i);
                    ObjectNode s = series.addObject().put("id", r.id()).put("label", r.label());
                    String color = i < w.colors().size() ? w.colors().get(i) : null;
                    if (color != null) {
                        s.put("color", color);
                    }
                    ArrayNode t = s.putArray("timestamps");
                    ArrayNode v = s.putArray("values");
                    r.series().points().forEach((at, value) -> {
                        t.add(at.getEpochSecond());
                        v.add(value);
                    });
                }
            } catch (RuntimeException failure) {
                LOG.warn("dashboard widget '{}' failed", w.title(), failure);
                node.put("error", String.valueOf(failure.getMessage()));
            }
        }
        ArrayNode alarmList = data.putArray("alarms");
        for (AlarmDefinition a : alarms.definitions()) {
            AlarmStatus s = alarms.status(a.name());
            alarmList
                    .addObject()
                    .put("name", a.name())
                    .put("state", s.state().name())
                    .put("reason", s.reason())
                    .put("updated", s.updated().toEpochMilli())
                    .put("description", a.description().orElse(""));
        }
        ArrayNode queueList = data.putArray("queues");
        platform.queues()
                .forEach(q -> queueList
                        .addObject()
                        .put("name", q.name())
                        .put("visible", q.visible())
                        .put("inFlight", q.inFlight())
                        .put("deadLetterQueue", q.deadLetterQueue().orElse(null))
                        .put("deadLetterMessages", q.deadLetterMessages()));
        ArrayNode shardList = data.putArray("shards");
        platform.shards()
                .forEach(s -> shardList
                        .addObject()
                        .put("stream", s.stream())
                        .put("function", s.function())
                        .put("shardId", s.shardId())
                        .put("iteratorAgeMillis", s.iteratorAgeMillis())
                        .put("lastResult", s.lastResult())
                        .put("inFlightRecords", s.inFlightRecords()));
        ArrayNode events = data.putArray("events");
        platform.recentEvents(15)
                .forEach(e -> events.addObject()
                        .put("id", e.path("id").asText())
                        .put("detailType", e.path("detail-type").asText())
                        .put("source", e.path("source").asText())
                        .put("time", e.path("time").asText())
                        .put("orderId", e.path("detail").path("orderId").asText(null))
                        .put("status", e.path("detail").path("status").asText(null)));
        ArrayNode aliasList = data.putArray("aliases");
        platform.aliases().forEach(a -> {
            ObjectNode alias =
                    aliasList.addObject().put("function", a.function()).put("alias", a.alias());
            ArrayNode versions = alias.putArray("versions");
            a.versions()
                    .forEach(v ->
                            versions.addObject().put("version", v.version()).put("weight", v.weight()));
        });
        ArrayNode faultList = data.putArray("faults");
        platform.faults()
                .forEach(f -> faultList
                        .addObject()
                        .put("id", f.id())
                        .put("target", f.target())
                        .put("description", f.description())
                        .put("endsAt", f.endsAt().orElse(null))
                        .put("applied", f.applied()));
        platform.deployment()
                .ifPresentOrElse(
                        d -> data.putObject("deployment")
                                .put("function", d.function())
                                .put("fromVersion", d.fromVersion())
                                .put("toVersion", d.toVersion())
                                .put("phase", d.phase())
                                .put("status", d.status())
                                .put("started", d.started()),
                        () -> data.put("noDeployment", platform.noDeployment()));
        return data;
    }

    public List<DashboardBody.Widget> widgets() {
        return widgets;
    }
}
