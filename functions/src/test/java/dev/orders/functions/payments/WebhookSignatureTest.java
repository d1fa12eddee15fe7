package dev.orders.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orders.functions.payments.WebhookSignature.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_764_244_800L);
    private static final byte[] BODY = ("{\"id\":\"evt_fixed\",\"type\":\"payment.succeeded\",\"created\":1764244800,"
                    + "\"data\":{\"orderId\":\"o-1\",\"paymentId\":\"pay_1\",\"amount\":\"30.00\",\"currency\":\"EUR\"}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final PaymentSecrets SECRETS = new PaymentSecrets("whsec_fixed_vector", Optional.empty());

    /** Computed outside Java: printf '%s' "1764244800.$BODY" | openssl dgst -sha256 -hmac whsec_fixed_vector */
    private static final String OPENSSL_VECTOR = "857988f763497e911da05b1f039e72d76f5bf414a93de5afb30170b8ae87902a";

    private static Verdict verify(String header, byte[] body, PaymentSecrets secrets, Instant now) {
        return WebhookSignature.verify(Optional.ofNullable(header), body, secrets, now);
    }

    @Test
    void a_signature_computed_by_openssl_beforehand_is_valid() {
        assertThat(verify("t=1764244800,v1=" + OPENSSL_VECTOR, BODY, SECRETS, NOW))
                .isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void a_signature_computed_by_openssl_now_is_valid() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        String payload = NOW.getEpochSecond() + "." + new String(BODY, StandardCharsets.UTF_8);
        Process openssl = new ProcessBuilder("/usr/bin/openssl", "dgst", "-sha256", "-hmac", "whsec_fixed_vector", "-r")
                .redirectErrorStream(true)
                .start();
        try (var in = openssl.getOutputStream()) {
            in.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        String hex =
                new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0].trim();
        assertThat(openssl.waitFor()).isZero();
        assertThat(verify("t=" + NOW.getEpochSecond() + ",v1=" + hex, BODY, SECRETS, NOW))
                .isInstanceOf(Verdict.Valid.class);
        assertThat(WebhookSignature.sign("whsec_fixed_vector", NOW, BODY)).isEqualTo("t=1764244800,v1=" + hex);
    }

    @Test
    void a_tampered_body_is_refused() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("30.00", "3.00")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verify("t=1764244800,v1=" + OPENSSL_VECTOR, tampered, SECRETS, NOW))
                .isEqualTo(new Verdict.Rejected(401, "mismatch", "No signature matches the payload."));
    }

    @Test
    void a_signature_made_with_another_secret_is_refused() {
        String header = WebhookSignature.sign("whsec_someone_else", NOW, BODY);
        assertThat(verify(header, BODY, SECRETS, NOW))
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class, r -> assertThat(r.code()).isEqualTo("mismatch"));
    }

    @Test
    void a_timestamp_older_than_five_minutes_is_refused_even_with_a_valid_mac() {
        Instant signedAt = NOW.minusSeconds(301);
        String header = WebhookSignature.sign("whsec_fixed_vector", signedAt, BODY);
        assertThat(verify(header, BODY, SECRETS, NOW))
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class, r -> assertThat(r.code()).isEqualTo("stale"));
        assertThat(verify(WebhookSignature.sign("whsec_fixed_vector", NOW.minusSeconds(300), BODY), BODY, SECRETS, NOW))
                .isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void a_timestamp_more_than_five_minutes_ahead_is_refused() {
        String header = WebhookSignature.sign("whsec_fixed_vector", NOW.plusSeconds(301), BODY);
        assertThat(verify(header, BODY, SECRETS, NOW))
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class, r -> assertThat(r.code()).isEqualTo("future"));
    }

    @Test
    void the_previous_secret_still_verifies_during_a_rotation() {
        PaymentSecrets rotated = new PaymentSecrets("whsec_new", Optional.of("whsec_fixed_vector"));
        assertThat(verify("t=1764244800,v1=" + OPENSSL_VECTOR, BODY, rotated, NOW))
                .isInstanceOf(Verdict.Valid.class);
        PaymentSecrets notRotated = new PaymentSecrets("whsec_new", Optional.empty());
        assertThat(verify("t=1764244800,v1=" + OPENSSL_VECTOR, BODY, notRotated, NOW))
                .isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void every_v1_value_is_tried() {
        String wrong = "0".repeat(64);
        String header = "t=1764244800,v1=" + wrong + ",v0=abc,v1=" + OPENSSL_VECTOR.toUpperCase();
        assertThat(verify(header, BODY, SECRETS, NOW)).isInstanceOf(Verdict.Valid.class);
        assertThat(verify("t=1764244800,v1=" + wrong + ",v1=" + wrong, BODY, SECRETS, NOW))
                .isInstanceOf(Verdict.Rejected.class);
    }

    @Test
    void a_missing_or_malformed_header_is_a_bad_request() {
        assertThat(verify(null, BODY, SECRETS, NOW))
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class, r -> assertThat(r.status()).isEqualTo(400));
        for (String malformed : new String[] {
            "",
            "v1=" + OPENSSL_VECTOR,
            "t=1764244800",
            "t=soon,v1=" + OPENSSL_VECTOR,
            "t=1,t=2,v1=" + OPENSSL_VECTOR,
            "garbage"
        }) {
            assertThat(verify(malformed, BODY, SECRETS, NOW))
                    .as(malformed)
                    .isInstanceOfSatisfying(
                            Verdict.Rejected.class, r -> assertThat(r.status()).isEqualTo(400));
        }
    }

    @Test
    void a_huge_header_is_refused_without_parsing_it() throws IOException {
        String huge = "t=1764244800," + "v1=00,".repeat(2000);
        assertThat(verify(huge, BODY, SECRETS, NOW))
                .isInstanceOfSatisfying(
                        Verdict.Rejected.class, r -> assertThat(r.code()).isEqualTo("malformed"));
    }
}
