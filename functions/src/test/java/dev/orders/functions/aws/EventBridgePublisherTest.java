package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.functions.outbox.OutboundEvent;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** EventBridge has no emulator here: the test pins the exact PutEvents requests the adapter sends. */
class EventBridgePublisherTest {

    private static final Instant AT = Instant.parse("2026-11-27T12:00:00.5Z");

    private final StubHttp http = new StubHttp();
    private final EventBridgePublisher publisher = new EventBridgePublisher(
            EventBridgeClient.builder()
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                    .httpClient(http)
                    .overrideConfiguration(c -> c.addExecutionInterceptor(http))
                    .build(),
            "orders-bus");

    @Test
    void an_event_goes_to_the_bus_with_source_orders_its_detail_type_detail_and_time() {
        http.answer(200, accepted(1));

        int published = publisher.publish(List.of(event(1)));

        assertThat(published).isEqualTo(1);
        PutEventsRequest request = (PutEventsRequest) http.sent().getFirst().request();
        assertThat(request.entries())
                .containsExactly(PutEventsRequestEntry.builder()
                        .eventBusName("orders-bus")
                        .source("orders")
                        .detailType("OrderAccepted")
                        .detail("{\"eventId\":\"e1\"}")
                        .time(AT)
                        .build());
        assertThat(http.sent().getFirst().http().firstMatchingHeader("X-Amz-Target"))
                .contains("AWSEvents.PutEvents");
        assertThat(http.sent().getFirst().body())
                .contains(
                        "\"Source\":\"orders\"", "\"DetailType\":\"OrderAccepted\"", "\"EventBusName\":\"orders-bus\"");
    }

    @Test
    void events_are_sent_in_order_ten_at_a_time() {
        http.answer(200, accepted(10)).answer(200, accepted(2));

        int published = publisher.publish(events(12));

        assertThat(published).isEqualTo(12);
        assertThat(http.sent())
                .extracting(s -> ((PutEventsRequest) s.request()).entries().size())
                .containsExactly(10, 2);
        assertThat(http.sent().get(1).request())
                .extracting(r -> ((PutEventsRequest) r).entries().getFirst().detail())
                .isEqualTo("{\"eventId\":\"e11\"}");
    }

    @Test
    void a_refused_entry_stops_publishing_and_counts_only_the_events_before_it() {
        http.answer(200, """
                {"FailedEntryCount":1,"Entries":[{"EventId":"a"},{"EventId":"b"},{"ErrorCode":"InternalFailure","ErrorMessage":"x"},{"EventId":"d"}]}""");

        int published = publisher.publish(events(12));

        assertThat(published).isEqualTo(2);
        assertThat(http.sent()).hasSize(1);
    }

    @Test
    void a_failing_later_call_keeps_what_was_published_before_it() {
        http.answer(200, accepted(10)).answer(400, "{\"__type\":\"ValidationException\",\"message\":\"no\"}");

        assertThat(publisher.publish(events(12))).isEqualTo(10);
    }

    @Test
    void a_failing_first_call_is_an_error_for_the_whole_batch() {
        http.answer(400, "{\"__type\":\"ValidationException\",\"message\":\"no\"}");

        assertThatThrownBy(() -> publisher.publish(events(3))).isInstanceOf(SdkException.class);
    }

    @Test
    void priming_reads_the_bus_and_publishes_nothing() {
        http.answer(200, "{\"Name\":\"orders-bus\"}");

        publisher.prime();

        assertThat(http.sent())
                .singleElement()
                .extracting(s -> s.http().firstMatchingHeader("X-Amz-Target").orElseThrow())
                .isEqualTo("AWSEvents.DescribeEventBus");
    }

    private static OutboundEvent event(int n) {
        return new OutboundEvent("e" + n, "OrderAccepted", "{\"eventId\":\"e" + n + "\"}", AT);
    }

    private static List<OutboundEvent> events(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(EventBridgePublisherTest::event)
                .toList();
    }

    private static String accepted(int count) {
        return "{\"FailedEntryCount\":0,\"Entries\":["
                + String.join(
                        ",",
                        IntStream.range(0, count)
                                .mapToObj(i -> "{\"EventId\":\"id" + i + "\"}")
                                .toList()) + "]}";
    }
}
