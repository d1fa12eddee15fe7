package dev.orders.local.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How CodeDeploy shifts a Lambda alias to its new version: the predefined deployment configurations SAM's
 * {@code DeploymentPreference.Type} accepts. A canary moves {@code percent} first and the rest after
 * {@code intervalMinutes}; a linear one adds {@code percent} every {@code intervalMinutes}; all at once moves
 * everything at once.
 */
public record DeploymentType(String name, Kind kind, int percent, int intervalMinutes) {

    public enum Kind {
        CANARY,
        LINEAR,
        ALL_AT_ONCE
    }

    /** The names SAM accepts (AWS::Serverless::Function DeploymentPreference, Type). */
    public static final Set<String> PREDEFINED = Set.of(
            "Canary10Percent30Minutes",
            "Canary10Percent5Minutes",
            "Canary10Percent10Minutes",
            "Canary10Percent15Minutes",
            "Linear10PercentEvery10Minutes",
            "Linear10PercentEvery1Minute",
            "Linear10PercentEvery2Minutes",
            "Linear10PercentEvery3Minutes",
            "AllAtOnce");

    private static final Pattern CANARY = Pattern.compile("Canary(\\d+)Percent(\\d+)Minutes?");
    private static final Pattern LINEAR = Pattern.compile("Linear(\\d+)PercentEvery(\\d+)Minutes?");

    /** A weight the new version holds for a while: {@code weight} 1.0 is the end of the shift. */
    public record Step(double weight, Duration hold) {}

    /** One of {@link #PREDEFINED}; anything else (a custom configuration this template does not define) is refused. */
    public static DeploymentType parse(String name) {
        if (!PREDEFINED.contains(name)) {
            throw new IllegalArgumentException("DeploymentPreference Type '" + name + "' is not one SAM accepts: "
                    + PREDEFINED.stream().sorted().toList());
        }
        if (name.equals("AllAtOnce")) {
            return new DeploymentType(name, Kind.ALL_AT_ONCE, 100, 0);
        }
        Matcher canary = CANARY.matcher(name);
        if (canary.matches()) {
            return new DeploymentType(
                    name, Kind.CANARY, Integer.parseInt(canary.group(1)), Integer.parseInt(canary.group(2)));
        }
        Matcher linear = LINEAR.matcher(name);
        linear.matches();
        return new DeploymentType(
                name, Kind.LINEAR, Integer.parseInt(linear.group(1)), Integer.parseInt(linear.group(2)));
    }

    /**
     * The weights in order, each held for its interval, ending with the whole of the traffic: a canary is
     * {@code [p% for i min, 100%]}, a linear one {@code [p%, 2p% … for i min each, 100%]}, all at once {@code [100%]}.
     */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        Duration interval = Duration.ofMinutes(intervalMinutes);
        switch (kind) {
            case CANARY -> steps.add(new Step(percent / 100.0, interval));
            case LINEAR -> {
                for (int p = percent; p < 100; p += percent) {
                    steps.add(new Step(p / 100.0, interval));
                }
            }
            case ALL_AT_ONCE -> {}
        }
        steps.add(new Step(1.0, Duration.ZERO));
        return steps;
    }

    /** How long the shift takes on CodeDeploy's clock (hooks aside). */
    public Duration shiftDuration() {
        return steps().stream().map(Step::hold).reduce(Duration.ZERO, Duration::plus);
    }
}
