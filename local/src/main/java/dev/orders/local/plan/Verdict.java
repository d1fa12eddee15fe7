package dev.orders.local.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;

/**
 * A check's answer. Against a limit: {@link #FITS} up to 80 % of it (where the template's concurrency alarms fire),
 * {@link #TIGHT} above that up to the limit, {@link #DOES_NOT_FIT} beyond it. A plan is as good as its worst check;
 * only {@link #DOES_NOT_FIT} fails it (exit status 1).
 */
public enum Verdict {
    FITS("fits"),
    TIGHT("tight"),
    DOES_NOT_FIT("does not fit");

    /** Above this share of a limit a check is tight. */
    public static final double TIGHT_ABOVE = 0.8;
    /** Figures are products of decimal inputs: a demand within this of a boundary is on it. */
    private static final double ROUNDING = 1e-9;

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** {@code demand} against {@code limit}: fits up to 80 %, tight up to 100 %, beyond that does not fit. */
    public static Verdict of(double demand, double limit) {
        if (demand <= limit * TIGHT_ABOVE + ROUNDING) {
            return FITS;
        }
        return demand <= limit + ROUNDING ? TIGHT : DOES_NOT_FIT;
    }

    public static Verdict worst(Collection<Verdict> verdicts) {
        return verdicts.stream().max(Enum::compareTo).orElse(FITS);
    }
}
