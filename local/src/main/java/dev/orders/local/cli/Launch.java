package dev.orders.local.cli;

/**
 * The jar's entry point ({@code ./orders} runs {@code java -jar orders-local.jar}): the plain forms of
 * {@code ./orders token} are answered by {@link QuickToken} before any picocli class is loaded; everything else goes
 * to {@link Main}. A class apart from {@link Main} because verifying {@link Main} alone loads picocli from its jar
 * (picocli's classes are too old for the JVM's class cache: see {@link QuickToken}).
 */
public final class Launch {

    private Launch() {}

    public static void main(String[] args) {
        if (QuickToken.answer(args, System.out)) {
            return; // exit status 0, as picocli's path gives
        }
        Main.main(args);
    }
}
