package dev.orders.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployment types SAM accepts, as traffic steps; the template's DeploymentPreference as the engine reads it. */
class DeploymentTypeTest {

    @Test
    void every_type_sam_accepts_ends_with_all_of_the_traffic() {
        for (String name : DeploymentType.PREDEFINED) {
            List<DeploymentType.Step> steps = DeploymentType.parse(name).steps();
            assertThat(steps.getLast()).as(name).isEqualTo(new DeploymentType.Step(1.0, Duration.ZERO));
            assertThat(steps).as(name).allSatisfy(s -> assertThat(s.weight()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void a_canary_holds_its_share_for_its_interval_then_moves_the_rest() {
        assertThat(DeploymentType.parse("Canary10Percent5Minutes").steps())
                .containsExactly(
                        new DeploymentType.Step(0.1, Duration.ofMinutes(5)),
                        new DeploymentType.Step(1.0, Duration.ZERO));
        assertThat(DeploymentType.parse("Canary10Percent30Minutes").shiftDuration())
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void a_linear_one_adds_its_share_each_interval() {
        List<DeploymentType.Step> steps =
                DeploymentType.parse("Linear10PercentEvery1Minute").steps();
        assertThat(steps).hasSize(10);
        assertThat(steps.subList(0, 9))
                .extracting(DeploymentType.Step::weight)
                .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(DeploymentType.parse("Linear10PercentEvery3Minutes").shiftDuration())
                .isEqualTo(Duration.ofMinutes(27));
    }

    @Test
    void all_at_once_moves_everything_at_once_and_other_names_are_refused() {
        assertThat(DeploymentType.parse("AllAtOnce").steps())
                .containsExactly(new DeploymentType.Step(1.0, Duration.ZERO));
        assertThatThrownBy(() -> DeploymentType.parse("Canary50Percent1Minute"))
                .hasMessageContaining("is not one SAM accepts");
    }

    @Test
    void the_template_preferences_name_their_alarms_and_hooks() {
        Map<String, DeploymentPreference> preferences = DeploymentPreference.load(
                new LocalNames(SamTemplate.bundled(), Map.of("DeploymentType", "Linear10PercentEvery2Minutes")));
        DeploymentPreference orderApi = preferences.get("OrderApiFunction");
        assertThat(orderApi.type().name()).as("the parameter override").isEqualTo("Linear10PercentEvery2Minutes");
        assertThat(orderApi.alarms()).containsExactly("OrderApiErrorsAlarm", "OrderApiP95DurationAlarm", "Api5xxAlarm");
        assertThat(orderApi.preTraffic()).contains("OrderApiPreTrafficHook");
        assertThat(orderApi.postTraffic()).contains("OrderApiPostTrafficHook");
        assertThat(orderApi.enabled()).isTrue();
        assertThat(preferences).doesNotContainKeys("OrderApiPreTrafficHook", "OrderApiPostTrafficHook");
        assertThat(DeploymentPreference.load(new LocalNames(SamTemplate.bundled(), Map.of()))
                        .get("PaymentEventsFunction")
                        .type()
                        .name())
                .as("the template's default")
                .isEqualTo("Canary10Percent10Minutes");
    }
}
