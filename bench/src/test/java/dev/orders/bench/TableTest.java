package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void renders_one_markdown_row_per_figure_with_aligned_columns() {
        Table table = new Table()
                .add(new Table.Row(
                        "cold start p50", "900 ms", "250 ms", Table.ratio(3.6), "≤ 2.00×", Table.Verdict.MISSED))
                .add(new Table.Row("peak RSS", "99 MB", "59 MB", Table.ratio(1.68), "≤ 192 MB", Table.Verdict.MET));

        String[] lines = table.render().split("\n");

        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("| measure").contains("| verdict |");
        assertThat(lines[1]).matches("\\|[- |]+\\|");
        assertThat(lines[2]).contains("| 900 ms ").contains("| 3.60× ").contains("| MISSED  |");
        assertThat(lines[3]).contains("| met     |");
        assertThat(lines).extracting(String::length).containsOnly(lines[0].length());
    }

    @Test
    void a_missed_budget_is_reported_as_such() {
        Table table = new Table().add(new Table.Row("a", "1", "2", "", "", Table.Verdict.NONE));
        assertThat(table.anyMissed()).isFalse();

        table.add(new Table.Row("b", "1", "2", "", "≥ 1", Table.Verdict.MISSED));
        assertThat(table.anyMissed()).isTrue();
    }
}
