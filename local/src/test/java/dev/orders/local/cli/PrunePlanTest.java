package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What {@code versions prune} deletes, decided from the listing alone. */
class PrunePlanTest {

    private static FunctionVersions versions(long count, FunctionVersions.AliasPointer... aliases) {
        return new FunctionVersions(
                "F",
                LongStream.rangeClosed(1, count)
                        .mapToObj(
                                n -> new FunctionVersions.PublishedVersion(n, Optional.of(Instant.EPOCH), 10, "On", ""))
                        .toList(),
                List.of(aliases));
    }

    @Test
    void the_oldest_unreferenced_versions_beyond_the_newest_n_go_oldest_first() {
        PrunePlan plan = PrunePlan.of(
                versions(6, new FunctionVersions.AliasPointer("live", "2", Map.of("3", 0.5))),
                2,
                Map.of("1", "deployment d-1"));
        assertThat(plan.deleted()).containsExactly("4");
        assertThat(plan.kept())
                .containsEntry("6", "newest 2")
                .containsEntry("5", "newest 2")
                .containsEntry("2", "alias live")
                .containsEntry("3", "alias live weight 50%")
                .containsEntry("1", "deployment d-1");
    }

    @Test
    void keeping_more_than_there_are_deletes_nothing_and_keeping_none_keeps_only_what_is_used() {
        assertThat(PrunePlan.of(versions(3), 5, Map.of()).deleted()).isEmpty();
        assertThat(PrunePlan.of(versions(3, new FunctionVersions.AliasPointer("live", "3", Map.of())), 0, Map.of())
                        .deleted())
                .containsExactly("1", "2");
        assertThat(PrunePlan.of(versions(0), 2, Map.of()).deleted()).isEmpty();
    }

    @Test
    void a_version_number_past_nine_sorts_as_a_number() {
        PrunePlan plan = PrunePlan.of(versions(11), 2, Map.of());
        assertThat(plan.kept()).containsOnlyKeys("11", "10");
        assertThat(plan.deleted()).startsWith("1", "2").endsWith("9");
    }
}
