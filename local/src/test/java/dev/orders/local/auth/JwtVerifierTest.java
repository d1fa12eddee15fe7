package dev.orders.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {

    @TempDir
    Path data;

    @Test
    void a_token_from_the_issuer_is_accepted_with_its_claims() {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        assertThat(issuer.verifier().verify("Bearer " + issuer.token("alice", Duration.ofMinutes(5))))
                .hasValueSatisfying(claims -> {
                    assertThat(claims)
                            .containsEntry("sub", "alice")
                            .containsEntry("iss", LocalIssuer.ISSUER)
                            .containsEntry("aud", "orders-api");
                    assertThat(claims).containsKeys("exp", "iat");
                });
    }

    @Test
    void the_issuer_keeps_its_keys_in_the_data_folder() {
        String token = LocalIssuer.open(data, "orders-api").token("alice", Duration.ofMinutes(5));
        assertThat(LocalIssuer.open(data, "orders-api").verifier().verify(token))
                .isPresent();
    }

    @Test
    void an_expired_token_is_refused() {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        String token = issuer.token("alice", Duration.ofMinutes(5));
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        assertThat(issuer.verifier().withClock(later).verify(token)).isEmpty();
    }

    @Test
    void a_token_accepted_before_is_refused_once_it_expires() {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        String token = issuer.token("alice", Duration.ofMinutes(5));
        dev.orders.domain.testing.Fixtures.MutableClock clock =
                new dev.orders.domain.testing.Fixtures.MutableClock(Instant.now());
        JwtVerifier verifier = issuer.verifier().withClock(clock);
        assertThat(verifier.verify(token)).isPresent();
        assertThat(verifier.verify(token)).isPresent();
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void a_token_not_yet_valid_is_refused() {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        String token = issuer.token("alice", Duration.ofMinutes(5));
        Clock earlier = Clock.fixed(Instant.now().minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        assertThat(issuer.verifier().withClock(earlier).verify(token)).isEmpty();
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        String token = LocalIssuer.open(data, "someone-else").token("alice", Duration.ofMinutes(5));
        assertThat(LocalIssuer.open(data, "orders-api").verifier().verify(token))
                .isEmpty();
    }

    @Test
    void a_token_signed_by_another_key_is_refused() {
        String token = LocalIssuer.open(data.resolve("other"), "orders-api").token("alice", Duration.ofMinutes(5));
        assertThat(LocalIssuer.open(data, "orders-api").verifier().verify(token))
                .isEmpty();
    }

    @Test
    void a_tampered_payload_is_refused() {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        String[] parts = issuer.token("alice", Duration.ofMinutes(5)).split("\\.");
        String claims =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("alice", "mallory");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertThat(issuer.verifier().verify(forged)).isEmpty();
    }

    @Test
    void an_unsigned_token_is_refused() {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        String[] parts = issuer.token("alice", Duration.ofMinutes(5)).split("\\.");
        String none = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"kid\":\"local-1\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(issuer.verifier().verify(none + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void garbage_is_refused_without_an_exception() {
        JwtVerifier verifier = LocalIssuer.open(data, "orders-api").verifier();
        for (String garbage :
                new String[] {null, "", "Bearer", "Bearer a.b.c", "a.b", "%%%.***.@@@", "Bearer " + "x".repeat(10_000)
                }) {
            assertThat(verifier.verify(garbage)).isEmpty();
        }
    }
}
