package dev.orders.local.objects;

import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One notification configuration of a bucket, from a function's SAM {@code Events: Type: S3}: which event names
 * ({@code s3:ObjectCreated:*} or a single one), which key prefix and suffix, and the function it invokes
 * (asynchronously, on its alias when the function has {@code AutoPublishAlias}).
 */
public record BucketNotification(
        String id,
        String bucketLogicalId,
        String function,
        String qualifier,
        List<String> events,
        String prefix,
        String suffix) {

    /** Every S3 event of the template's functions. */
    public static List<BucketNotification> fromTemplate(SamTemplate template) {
        List<BucketNotification> all = new ArrayList<>();
        for (String function : template.resources().keySet().stream()
                .filter(id -> template.type(id).equals("AWS::Serverless::Function"))
                .toList()) {
            Map<String, Object> properties = template.properties(function);
            String alias = template.string(properties, "AutoPublishAlias").orElse("$LATEST");
            SamTemplate.mapOf(properties.get("Events")).forEach((name, value) -> {
                Map<String, Object> event = SamTemplate.mapOf(value);
                if (!"S3".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> p = SamTemplate.mapOf(event.get("Properties"));
                String bucket = SamTemplate.referencedId(p.get("Bucket"))
                        .orElseThrow(() -> new IllegalArgumentException(
                                function + "." + name + ": Bucket must be a !Ref to a bucket of the template"));
                List<String> events = p.get("Events") instanceof List<?> list
                        ? list.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(p.get("Events")));
                String prefix = "";
                String suffix = "";
                for (Object rule : SamTemplate.listOf(
                        SamTemplate.mapOf(SamTemplate.mapOf(p.get("Filter")).get("S3Key"))
                                .get("Rules"))) {
                    Map<String, Object> r = SamTemplate.mapOf(rule);
                    String ruleName = String.valueOf(r.get("Name")).toLowerCase(java.util.Locale.ROOT);
                    if (ruleName.equals("prefix")) {
                        prefix = String.valueOf(r.get("Value"));
                    } else if (ruleName.equals("suffix")) {
                        suffix = String.valueOf(r.get("Value"));
                    }
                }
                all.add(new BucketNotification(name, bucket, function, alias, events, prefix, suffix));
            });
        }
        return all;
    }

    /** Whether an event named {@code eventName} (e.g. {@code ObjectCreated:Post}) for {@code key} matches. */
    public boolean matches(String eventName, String key) {
        boolean event = events.stream().anyMatch(e -> {
            String wanted = e.startsWith("s3:") ? e.substring(3) : e;
            return wanted.endsWith(":*")
                    ? eventName.startsWith(wanted.substring(0, wanted.length() - 1))
                    : wanted.equals(eventName);
        });
        return event && key.startsWith(prefix) && key.endsWith(suffix);
    }
}
