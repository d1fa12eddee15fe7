package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.aws.NotificationClaims.Claim;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Notification claims on the DynamoDB wire protocol (dynalite): claim, lease, sent mark, release. */
@Tag("emulator")
@ExtendWith(Dynalite.class)
class DynamoDbNotificationClaimsTest {

    private static final String TABLE = "orders-claims";
    private static DynamoDbClient dynamo;
    private final MutableClock clock = MutableClock.atNoon();
    private final DynamoDbNotificationClaims claims = new DynamoDbNotificationClaims(dynamo, TABLE, clock);
    private final String id = UUID.randomUUID().toString();

    @BeforeAll
    static void createTable(Dynalite.Endpoint endpoint) {
        dynamo = endpoint.withTable(TABLE);
    }

    @Test
    void a_claimed_notification_is_held_elsewhere_until_sent_then_already_sent() {
        assertThat(claims.claim(id)).isEqualTo(Claim.CLAIMED);
        assertThat(claims.claim(id)).isEqualTo(Claim.HELD_ELSEWHERE);
        claims.markSent(id, "ses-1");
        assertThat(claims.claim(id)).isEqualTo(Claim.ALREADY_SENT);
        clock.advance(Duration.ofDays(1));
        assertThat(claims.claim(id)).isEqualTo(Claim.ALREADY_SENT);
    }

    @Test
    void a_claim_whose_sender_died_can_be_taken_once_its_lease_has_ended() {
        assertThat(claims.claim(id)).isEqualTo(Claim.CLAIMED);
        clock.advance(DynamoDbNotificationClaims.LEASE);
        assertThat(claims.claim(id)).isEqualTo(Claim.HELD_ELSEWHERE);
        clock.advance(Duration.ofMillis(1));
        assertThat(claims.claim(id)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void a_released_claim_can_be_taken_at_once_and_a_sent_one_is_never_released() {
        claims.claim(id);
        claims.release(id);
        assertThat(claims.claim(id)).isEqualTo(Claim.CLAIMED);
        claims.markSent(id, "ses-1");
        try {
            claims.release(id);
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException expected) {
            // a sent mark is kept
        }
        assertThat(claims.claim(id)).isEqualTo(Claim.ALREADY_SENT);
    }
}
