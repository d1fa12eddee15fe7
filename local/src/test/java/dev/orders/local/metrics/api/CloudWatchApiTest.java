package dev.orders.local.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.metrics.Observability;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * CloudWatch's API at the running platform's base URL, through the real SDK v2 client (Smithy RPC v2 CBOR), and
 * the JSON 1.0 and query protocols the AWS CLI sends.
 */
class CloudWatchApiTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static CloudWatchClient cloudWatch;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(
                        data,
                        Faults.none(),
                        SamTemplate.bundled(),
                        new Observability.Settings(1, Map.of("AlarmEmail", "ops@example.com")))
                .start(0);
        cloudWatch = CloudWatchClient.builder()
                .endpointOverride(URI.create(platform.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        platform.close();
    }

    static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }

    static MetricDataQuery stat(String id, String namespace, String metric, String stat, Dimension... dimensions) {
        return MetricDataQuery.builder()
                .id(id)
                .metricStat(s -> s.period(60)
                        .stat(stat)
                        .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dimensions)))
                .build();
    }

    static double sum(MetricDataResult result) {
        return result.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void invocations_and_duration_p95_of_the_order_api_match_the_requests_sent() {
        Http http = new Http(platform.url());
        String token = LocalPlatform.issuer(data).token("carol", Duration.ofMinutes(5));
        for (int i = 0; i < 7; i++) {
            assertThat(http.placeOrder(token, "api-test-" + i, Http.ORDER).statusCode())
                    .isEqualTo(202);
        }
        Dimension function = dimension("FunctionName", "OrderApiFunction");
        Dimension alias = dimension("Resource", "OrderApiFunction:live");
        Instant now = platform.observability().time().instant();
        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(600))
                .endTime(now.plusSeconds(60))
                .metricDataQueries(
                        stat("invocations", "AWS/Lambda", "Invocations", "Sum", function, alias),
                        stat("p95", "AWS/Lambda", "Duration", "p95", function, alias),
                        stat(
                                "requests",
                                "AWS/ApiGateway",
                                "Count",
                                "Sum",
                                dimension("ApiId", "OrdersHttpApi"),
                                dimension("Stage", "live"))));
        assertThat(sum(response.metricDataResults().get(0))).isEqualTo(7);
        assertThat(response.metricDataResults().get(1).values())
                .isNotEmpty()
                .allSatisfy(p95 -> assertThat(p95).isPositive());
        assertThat(sum(response.metricDataResults().get(2))).isGreaterThanOrEqualTo(7);
        assertThat(response.metricDataResults().get(0).statusCodeAsString()).isEqualTo("Complete");
    }

    @Test
    void a_users_own_metrics_land_and_come_back_with_percentiles_and_math() {
        Instant now = platform.observability().time().instant();
        cloudWatch.putMetricData(r -> r.namespace("Shop")
                .metricData(
                        d -> d.metricName("Checkout")
                                .unit(StandardUnit.MILLISECONDS)
                                .dimensions(dimension("Service", "web"))
                                .timestamp(now)
                                .values(10.0, 20.0, 30.0, 40.0, 1000.0)
                                .counts(19.0, 19.0, 19.0, 38.0, 5.0),
                        d -> d.metricName("Failures")
                                .dimensions(dimension("Service", "web"))
                                .timestamp(now)
                                .value(5.0),
                        d -> d.metricName("Attempts")
                                .dimensions(dimension("Service", "web"))
                                .timestamp(now)
                                .statisticValues(s -> s.sampleCount(4.0)
                                        .sum(20.0)
                                        .minimum(1.0)
                                        .maximum(10.0))));
        GetMetricDataResponse response = cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(120))
                .endTime(now.plusSeconds(60))
                .metricDataQueries(
                        stat("p95", "Shop", "Checkout", "p95", dimension("Service", "web")),
                        stat("p96", "Shop", "Checkout", "p96", dimension("Service", "web")),
                        stat("failures", "Shop", "Failures", "Sum", dimension("Service", "web")),
                        stat("attempts", "Shop", "Attempts", "Sum", dimension("Service", "web")),
                        MetricDataQuery.builder()
                                .id("rate")
                                .expression("IF(attempts > 0, 100 * failures / attempts, 0)")
                                .label("failure rate")
                                .build()));
        // 100 samples: 95 at or below 40, the 5 slowest at 1000
        assertThat(response.metricDataResults().get(0).values()).containsExactly(40.0);
        assertThat(response.metricDataResults().get(1).values()).containsExactly(1000.0);
        assertThat(response.metricDataResults().get(4).label()).isEqualTo("failure rate");
        assertThat(response.metricDataResults().get(4).values()).containsExactly(25.0);
        assertThat(cloudWatch.listMetrics(r -> r.namespace("Shop")).metrics())
                .extracting(m -> m.metricName())
                .containsExactlyInAnyOrder("Checkout", "Failures", "Attempts");
    }

    @Test
    void the_templates_alarms_are_described_and_set_alarm_state_moves_one_with_history_and_a_mail() throws Exception {
        List<MetricAlarm> all =
                cloudWatch.describeAlarms(r -> r.maxRecords(100)).metricAlarms();
        assertThat(all)
                .extracting(MetricAlarm::alarmName)
                .contains("OrderApiErrorsAlarm", "Api5xxAlarm", "PaymentEventsDlqDepthAlarm");
        MetricAlarm errors = all.stream()
                .filter(a -> a.alarmName().equals("OrderApiErrorsAlarm"))
                .findFirst()
                .orElseThrow();
        assertThat(errors.dimensions())
                .containsExactly(
                        dimension("FunctionName", "OrderApiFunction"), dimension("Resource", "OrderApiFunction:live"));
        assertThat(errors.alarmActions()).containsExactly("arn:aws:sns:us-east-1:000000000000:AlarmTopic");
        assertThat(errors.treatMissingData()).isEqualTo("notBreaching");

        cloudWatch.setAlarmState(r ->
                r.alarmName("OrderApiErrorsAlarm").stateValue(StateValue.ALARM).stateReason("rehearsing a rollback"));
        List<MetricAlarm> alarming =
                cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM)).metricAlarms();
        assertThat(alarming).extracting(MetricAlarm::alarmName).containsExactly("OrderApiErrorsAlarm");
        assertThat(alarming.getFirst().stateReason()).isEqualTo("rehearsing a rollback");
        var history = cloudWatch.describeAlarmHistory(
                r -> r.alarmName("OrderApiErrorsAlarm").historyItemType(HistoryItemType.STATE_UPDATE));
        assertThat(history.alarmHistoryItems().getFirst().historySummary()).endsWith("to ALARM");
        JsonNode historyData =
                Json.internal().readTree(history.alarmHistoryItems().getFirst().historyData());
        assertThat(historyData.get("newState").get("stateValue").asText()).isEqualTo("ALARM");
        assertThat(cloudWatch
                        .describeAlarmHistory(
                                r -> r.alarmName("OrderApiErrorsAlarm").historyItemType(HistoryItemType.ACTION))
                        .alarmHistoryItems()
                        .getFirst()
                        .historySummary())
                .isEqualTo("Successfully executed action arn:aws:sns:us-east-1:000000000000:AlarmTopic");
        try (Stream<Path> mails = Files.list(data.resolve("mailbox"))) {
            Path mail = mails.filter(p -> p.getFileName().toString().startsWith("alarm.OrderApiErrorsAlarm."))
                    .findFirst()
                    .orElseThrow();
            String text = Files.readString(mail);
            assertThat(text)
                    .contains(
                            "To: ops@example.com",
                            "Subject: ALARM: \"OrderApiErrorsAlarm\" in US East (N. Virginia)",
                            "You are receiving this email because your Amazon CloudWatch Alarm \"OrderApiErrorsAlarm\"");
            // from INSUFFICIENT_DATA, or from OK when a minute has ended since the start (no data is not breaching)
            assertThat(text).containsPattern("- State Change: +(INSUFFICIENT_DATA|OK) -> ALARM");
        }
    }

    @Test
    void bad_requests_get_cloudwatchs_errors() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/Lambda")
                        .metricData(d -> d.metricName("Errors").value(1.0))))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                });
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r ->
                        r.alarmName("NoSuchAlarm").stateValue(StateValue.OK).stateReason("x")))
                .isInstanceOfSatisfying(
                        CloudWatchException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        Instant now = Instant.now();
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now)
                        .endTime(now.minusSeconds(60))
                        .metricDataQueries(stat("m", "Shop", "Checkout", "Sum"))))
                .isInstanceOfSatisfying(
                        CloudWatchException.class,
                        e -> assertThat(e.getMessage()).contains("StartTime"));
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(60))
                        .endTime(now)
                        .metricDataQueries(MetricDataQuery.builder()
                                .id("e")
                                .expression("m1 +")
                                .build())))
                .isInstanceOfSatisfying(
                        CloudWatchException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(now.minusSeconds(60))
                        .endTime(now)
                        .metricDataQueries(stat("m", "Shop", "Checkout", "tm90"))))
                .isInstanceOfSatisfying(
                        CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void the_query_protocol_answers_in_xml() throws Exception {
        HttpResponse<String> described = post(
                "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=Api5xxAlarm",
                "application/x-www-form-urlencoded; charset=utf-8",
                Map.of());
        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(described.body())
                .startsWith("<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">")
                .contains(
                        "<AlarmName>Api5xxAlarm</AlarmName>",
                        "<Dimensions><member><Name>ApiId</Name><Value>OrdersHttpApi</Value></member>");
        HttpResponse<String> wrong = post(
                "Action=PutMetricData&Version=2010-08-01&Namespace=Shop",
                "application/x-www-form-urlencoded",
                Map.of());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("<Code>MissingParameter</Code>", "<Type>Sender</Type>");
    }

    @Test
    void the_json_protocol_answers_in_json_with_the_query_error_header() throws Exception {
        HttpResponse<String> listed = post(
                "{\"Namespace\":\"AWS/Lambda\"}",
                "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics"));
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(Json.internal().readTree(listed.body()).get("Metrics").isArray())
                .isTrue();
        HttpResponse<String> unknown = post(
                "{}",
                "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.DeleteAlarms"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("x-amzn-query-error")).hasValue("InvalidAction;Sender");
        HttpResponse<String> garbage = post(
                "{not json",
                "application/x-amz-json-1.0",
                Map.of("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics"));
        assertThat(garbage.statusCode()).isEqualTo(400);
    }

    /** Every AWS CLI found (a v1 speaks JSON 1.0, Debian's v2 the query protocol); skipped where there is none. */
    @Test
    void the_aws_cli_reads_the_alarms_when_it_is_installed() throws Exception {
        List<Path> clis = Stream.concat(
                        Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "aws")),
                        Stream.of(Path.of("/usr/bin/aws")))
                .filter(Files::isExecutable)
                .distinct()
                .toList();
        org.junit.jupiter.api.Assumptions.assumeFalse(clis.isEmpty(), "no AWS CLI on PATH");
        for (Path aws : clis) {
            ProcessBuilder cli = new ProcessBuilder(
                            aws.toString(),
                            "cloudwatch",
                            "describe-alarms",
                            "--alarm-names",
                            "Api5xxAlarm",
                            "--endpoint-url",
                            platform.url(),
                            "--region",
                            "us-east-1",
                            "--output",
                            "json")
                    .redirectErrorStream(true);
            cli.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x", "AWS_PAGER", ""));
            Process process = cli.start();
            String out = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(aws + ": " + out).isZero();
            assertThat(Json.internal()
                            .readTree(out)
                            .get("MetricAlarms")
                            .get(0)
                            .get("AlarmName")
                            .asText())
                    .as(aws.toString())
                    .isEqualTo("Api5xxAlarm");
        }
    }

    static HttpResponse<String> post(String body, String contentType, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url() + "/"))
                .header("Content-Type", contentType)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=x/20261130/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
