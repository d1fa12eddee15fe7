package dev.orders.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issuer's tokens as JSON (written without a data binder) and its constant audience. */
class LocalIssuerTest {

    @TempDir
    Path data;

    @Test
    void the_bundled_audience_is_the_bundled_templates_default() {
        Object jwtAudience = SamTemplate.mapOf(
                        SamTemplate.mapOf(SamTemplate.bundled().tree().get("Parameters"))
                                .get("JwtAudience"))
                .get("Default");
        assertThat(jwtAudience).isEqualTo(LocalIssuer.BUNDLED_AUDIENCE);
    }

    @Test
    void any_subject_is_written_as_valid_json_and_reads_back_unchanged() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        for (String subject :
                new String[] {"a\"b", "back\\slash", "line\nbreak\u0001", "tab\tcr\r\u001f", "ünï🙂", "</script>"}) {
            String token = issuer.token(subject, Duration.ofMinutes(5));
            JsonNode header = part(token, 0);
            JsonNode claims = part(token, 1);
            assertThat(header.toString()).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"local-1\"}");
            assertThat(claims.get("sub").asText()).isEqualTo(subject);
            if (claims.has("email")) { // a subject that makes an address: escaped there too
                assertThat(claims.get("email").asText())
                        .isEqualTo(subject.toLowerCase(java.util.Locale.ROOT) + "@example.com");
            }
            assertThat(issuer.verifier().verify(token))
                    .hasValueSatisfying(verified -> assertThat(verified).containsEntry("sub", subject));
        }
    }

    @Test
    void claims_carry_times_as_numbers_and_a_verified_email_when_given() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        JsonNode claims = part(issuer.token("dora", Duration.ofSeconds(90), Optional.of("dora@example.com")), 1);
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("nbf").asLong()).isEqualTo(claims.get("iat").asLong());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(90);
        assertThat(claims.get("email").asText()).isEqualTo("dora@example.com");
        assertThat(claims.get("email_verified").isBoolean()).isTrue();
        assertThat(claims.get("email_verified").asBoolean()).isTrue();
    }

    private static JsonNode part(String token, int index) throws Exception {
        return Json.strict().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }
}
