package dev.orders.local.plan;

/**
 * One line of a plan: what is compared ({@code check}, about {@code subject}), the formula with the figures put in,
 * the two figures and their unit, the headroom ({@code limit - demand}, negative when over), the verdict, and what it
 * means when it is not plain fitting ({@code note}, empty otherwise).
 */
public record Check(
        String check,
        String subject,
        String formula,
        double demand,
        double limit,
        String unit,
        double headroom,
        Verdict verdict,
        String note) {

    /** A comparison of {@code demand} with {@code limit}, judged by {@link Verdict#of}. */
    static Check compare(
            String check, String subject, String formula, double demand, double limit, String unit, String note) {
        return new Check(check, subject, formula, demand, limit, unit, limit - demand, Verdict.of(demand, limit), note);
    }

    /** A check whose verdict is a rule of its own (who answers first, a reservation's minimum, a ramp). */
    static Check judged(
            String check,
            String subject,
            String formula,
            double demand,
            double limit,
            String unit,
            Verdict verdict,
            String note) {
        return new Check(check, subject, formula, demand, limit, unit, limit - demand, verdict, note);
    }
}
