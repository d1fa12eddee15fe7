package dev.orders.local.metrics.alarms;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.Statistic;
import dev.orders.local.template.LocalNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An alarm action on an SNS topic of the template: the topic publishes CloudWatch's alarm notification to its
 * e-mail subscriptions ({@code AWS::SNS::Subscription} with Protocol {@code email} or {@code email-json}, or
 * the topic's own {@code Subscription} list), each delivered as one file in {@code DATA/mailbox/}, in the shape
 * SNS mails it. A subscription whose Condition does not hold does not exist, as in CloudFormation.
 */
public final class SnsEmailAction implements AlarmAction {

    public static final String REGION_NAME = "US East (N. Virginia)";
    private static final DateTimeFormatter MAIL_DATE = DateTimeFormatter.ofPattern(
                    "EEEE d MMMM, yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MESSAGE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private record Subscription(String topicArn, String protocol, String endpoint) {}

    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Path mailbox;

    public SnsEmailAction(LocalNames names, Path mailbox) {
        this.mailbox = mailbox;
        names.template().resources().forEach((id, resource) -> {
            if (!names.exists(id)) {
                return;
            }
            if ("AWS::SNS::Subscription".equals(resource.get("Type"))) {
                Map<String, Object> p = mapOf(names.resolve(mapOf(resource.get("Properties"))));
                subscriptions.add(new Subscription(
                        String.valueOf(p.get("TopicArn")),
                        String.valueOf(p.get("Protocol")),
                        String.valueOf(p.get("Endpoint"))));
            } else if ("AWS::SNS::Topic".equals(resource.get("Type"))) {
                for (Object s : listOf(
                        mapOf(names.resolve(mapOf(resource.get("Properties")))).get("Subscription"))) {
                    Map<String, Object> sub = mapOf(s);
                    subscriptions.add(new Subscription(
                            names.ref(id), String.valueOf(sub.get("Protocol")), String.valueOf(sub.get("Endpoint"))));
                }
            }
        });
    }

    /** The e-mail addresses subscribed to {@code topicArn}. */
    public List<String> emailsOf(String topicArn) {
        return subscriptions.stream()
                .filter(s -> s.topicArn().equals(topicArn) && s.protocol().startsWith("email"))
                .map(Subscription::endpoint)
                .toList();
    }

    @Override
    public AlarmHistoryItem execute(String action, StateChange change) {
        AlarmDefinition alarm = change.alarm();
        if (!action.startsWith("arn:aws:sns:")) {
            return new AlarmHistoryItem(
                    alarm.name(),
                    change.at(),
                    "Action",
                    "Failed to execute action " + action,
                    Json.internal()
                            .createObjectNode()
                            .put("actionState", "Failed")
                            .put("notificationResource", action)
                            .put("error", "only SNS topic actions are carried out locally")
                            .toString());
        }
        String message = message(change, action);
        for (Subscription s : subscriptions) {
            if (s.topicArn().equals(action) && s.protocol().startsWith("email")) {
                deliver(s, change, message);
            }
        }
        return new AlarmHistoryItem(
                alarm.name(),
                change.at(),
                "Action",
                "Successfully executed action " + action,
                Json.internal()
                        .createObjectNode()
                        .put("actionState", "Succeeded")
                        .put("stateUpdateTimestamp", change.at().toEpochMilli())
                        .put("notificationResource", action)
                        .put("publishedMessage", message)
                        .toString());
    }

    /** The JSON message CloudWatch publishes to the topic. */
    static String message(StateChange change, String topicArn) {
        AlarmDefinition alarm = change.alarm();
        ObjectNode m = Json.internal().createObjectNode();
        m.put("AlarmName", alarm.name());
        m.put("AlarmDescription", alarm.description().orElse(null));
        m.put("AWSAccountId", LocalNames.ACCOUNT);
        m.put(
                "AlarmConfigurationUpdatedTimestamp",
                MESSAGE_DATE.format(change.newStatus().configurationUpdated()));
        m.put("NewStateValue", change.newStatus().state().name());
        m.put("NewStateReason", change.newStatus().reason());
        m.put("StateChangeTime", MESSAGE_DATE.format(change.at()));
        m.put("Region", REGION_NAME);
        m.put("AlarmArn", alarm.arn());
        m.put("OldStateValue", change.oldState().name());
        alarm.okActions().forEach(m.putArray("OKActions")::add);
        alarm.alarmActions().forEach(m.putArray("AlarmActions")::add);
        alarm.insufficientDataActions().forEach(m.putArray("InsufficientDataActions")::add);
        ObjectNode trigger = m.putObject("Trigger");
        alarm.metric().ifPresent(metric -> {
            trigger.put("MetricName", metric.name()).put("Namespace", metric.namespace());
            boolean extended = alarm.statistic().orElseThrow() instanceof Statistic.Percentile;
            trigger.put("StatisticType", extended ? "ExtendedStatistic" : "Statistic");
            if (extended) {
                trigger.put("ExtendedStatistic", alarm.statistic().get().name());
            } else {
                trigger.put("Statistic", alarm.statistic().get().name().toUpperCase(Locale.ROOT));
            }
            trigger.put("Unit", alarm.unit().map(u -> u.wireName()).orElse(null));
            ArrayNode dims = trigger.putArray("Dimensions");
            metric.dimensions()
                    .list()
                    .forEach(d -> dims.addObject().put("value", d.value()).put("name", d.name()));
        });
        if (alarm.metric().isEmpty()) {
            ArrayNode metrics = trigger.putArray("Metrics");
            alarm.metrics().forEach(q -> {
                ObjectNode node = metrics.addObject().put("Id", q.id()).put("ReturnData", q.returnData());
                q.expression().ifPresent(e -> node.put("Expression", e));
                q.label().ifPresent(l -> node.put("Label", l));
                q.metricStat()
                        .ifPresent(s -> node.putObject("MetricStat")
                                .put("Period", s.periodSeconds())
                                .put("Stat", s.statistic().name())
                                .putObject("Metric")
                                .put("Namespace", s.metric().namespace())
                                .put("MetricName", s.metric().name()));
            });
        }
        trigger.put("Period", alarm.periodSeconds());
        trigger.put("EvaluationPeriods", alarm.evaluationPeriods());
        alarm.datapointsToAlarm().ifPresent(d -> trigger.put("DatapointsToAlarm", d));
        trigger.put("ComparisonOperator", alarm.comparison().name());
        trigger.put("Threshold", alarm.threshold());
        trigger.put("TreatMissingData", alarm.treatMissingData().name());
        trigger.put(
                "EvaluateLowSampleCountPercentile",
                alarm.evaluateLowSampleCountPercentile().orElse(""));
        return m.toString();
    }

    private void deliver(Subscription s, StateChange change, String message) {
        AlarmDefinition alarm = change.alarm();
        String state = change.newStatus().state().name();
        String subject = state + ": \"" + alarm.name() + "\" in " + REGION_NAME;
        String body = s.protocol().equals("email-json") ? message : emailText(change);
        String file = "alarm." + alarm.name() + "." + change.at().toEpochMilli() + "." + state + "."
                + UUID.randomUUID().toString().substring(0, 8) + ".eml";
        String mail = "From: AWS Notifications <no-reply@sns.amazonaws.com>\r\n"
                + "To: " + s.endpoint() + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "X-SNS-Topic-Arn: " + s.topicArn() + "\r\n"
                + "Content-Type: " + (s.protocol().equals("email-json") ? "application/json" : "text/plain")
                + "; charset=UTF-8\r\n\r\n"
                + body.replace("\n", "\r\n") + "\r\n";
        try {
            Files.createDirectories(mailbox);
            Path temp = Files.createTempFile(mailbox, ".sending-", ".tmp");
            Files.writeString(temp, mail, StandardCharsets.UTF_8);
            Files.move(temp, mailbox.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the alarm notification to the mailbox", e);
        }
    }

    /** The plain-text body SNS mails for a CloudWatch alarm notification (protocol {@code email}). */
    static String emailText(StateChange change) {
        AlarmDefinition alarm = change.alarm();
        String state = change.newStatus().state().name();
        String when = MAIL_DATE.format(change.at());
        StringBuilder t = new StringBuilder();
        t.append("You are receiving this email because your Amazon CloudWatch Alarm \"")
                .append(alarm.name())
                .append("\" in the ")
                .append(REGION_NAME)
                .append(" region has entered the ")
                .append(state)
                .append(" state, because \"")
                .append(change.newStatus().reason())
                .append("\" at \"")
                .append(when)
                .append("\".\n\n");
        t.append("View this alarm in the AWS Management Console:\nhttps://")
                .append(LocalNames.REGION)
                .append(".console.aws.amazon.com/cloudwatch/deeplink.js?region=")
                .append(LocalNames.REGION)
                .append("#alarmsV2:alarm/")
                .append(alarm.name())
                .append("\n\n");
        t.append("Alarm Details:\n");
        t.append(line("Name:", alarm.name()));
        t.append(line("Description:", alarm.description().orElse("")));
        t.append(line("State Change:", change.oldState() + " -> " + state));
        t.append(line("Reason for State Change:", change.newStatus().reason()));
        t.append(line("Timestamp:", when));
        t.append(line("AWS Account:", LocalNames.ACCOUNT));
        t.append(line("Alarm Arn:", alarm.arn())).append('\n');
        t.append("Threshold:\n- The alarm is in the ALARM state when the metric is ")
                .append(alarm.comparison().name())
                .append(' ')
                .append(alarm.threshold())
                .append(" for at least ")
                .append(alarm.m())
                .append(" of the last ")
                .append(alarm.evaluationPeriods())
                .append(" period(s) of ")
                .append(alarm.periodSeconds())
                .append(" seconds.\n\n");
        alarm.metric().ifPresent(metric -> {
            t.append("Monitored Metric:\n");
            t.append(metricLine("MetricNamespace:", metric.namespace()));
            t.append(metricLine("MetricName:", metric.name()));
            t.append(metricLine("Dimensions:", metric.dimensions().toString()));
            t.append(metricLine("Period:", alarm.periodSeconds() + " seconds"));
            t.append(metricLine("Statistic:", alarm.statistic().orElseThrow().name()));
            t.append(metricLine("Unit:", alarm.unit().map(u -> u.wireName()).orElse("not specified")));
            t.append(metricLine("TreatMissingData:", alarm.treatMissingData().name()))
                    .append("\n\n");
        });
        t.append("State Change Actions:\n");
        t.append("- OK: ")
                .append(alarm.okActions().isEmpty() ? "" : alarm.okActions())
                .append('\n');
        t.append("- ALARM: ")
                .append(alarm.alarmActions().isEmpty() ? "" : alarm.alarmActions())
                .append('\n');
        t.append("- INSUFFICIENT_DATA: ")
                .append(alarm.insufficientDataActions().isEmpty() ? "" : alarm.insufficientDataActions())
                .append("\n\n\n");
        t.append(
                "--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n");
        t.append("https://sns.")
                .append(LocalNames.REGION)
                .append(".amazonaws.com/unsubscribe.html (local: remove the subscription from the template)\n\n");
        t.append(
                "Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support\n");
        return t.toString();
    }

    private static String line(String label, String value) {
        return "- " + String.format("%-28s", label) + value + "\n";
    }

    private static String metricLine(String label, String value) {
        return "- " + String.format("%-37s", label) + value + "\n";
    }
}
