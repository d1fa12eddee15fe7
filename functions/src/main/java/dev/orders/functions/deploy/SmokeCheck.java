package dev.orders.functions.deploy;

/** A quick, read-only proof that a version answers properly. */
public interface SmokeCheck {

    record Verdict(boolean passed, String detail) {}

    Verdict run();
}
