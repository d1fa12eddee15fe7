package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsEnvironmentTest {

    @Test
    void a_service_endpoint_override_wins_over_the_general_one() {
        AwsEnvironment env = new AwsEnvironment(
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:2"));

        assertThat(env.endpoint("DYNAMODB")).contains(URI.create("http://127.0.0.1:2"));
        assertThat(env.endpoint("EVENTBRIDGE")).contains(URI.create("http://127.0.0.1:1"));
        assertThat(new AwsEnvironment(Map.of()).endpoint("DYNAMODB")).isEmpty();
    }

    @Test
    void keys_in_the_environment_are_used_with_their_session_token() {
        AwsEnvironment env = new AwsEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"));

        assertThat(env.credentials().resolveCredentials())
                .isInstanceOfSatisfying(
                        AwsSessionCredentials.class,
                        c -> assertThat(c.sessionToken()).isEqualTo("token"));
    }

    @Test
    void without_keys_the_default_chain_applies_as_under_snapstart() {
        assertThat(new AwsEnvironment(Map.of()).credentials()).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void the_region_comes_from_AWS_REGION_and_is_required() {
        assertThat(new AwsEnvironment(Map.of("AWS_REGION", "eu-central-1")).region())
                .isEqualTo(Region.EU_CENTRAL_1);
        assertThatThrownBy(() -> new AwsEnvironment(Map.of()).region()).hasMessageContaining("AWS_REGION");
    }
}
