package dev.twofifty.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Tells the person waiting what the run is doing, on standard error so that the report stays clean. */
final class Progress {

    private final PrintStream out;
    private final Instant start = Instant.now();

    Progress(PrintStream out) {
        this.out = out;
    }

    void step(String format, Object... args) {
        Duration elapsed = Duration.between(start, Instant.now());
        out.printf(
                Locale.ROOT,
                "[%02d:%02d] %s%n",
                elapsed.toMinutes(),
                elapsed.toSecondsPart(),
                String.format(Locale.ROOT, format, args));
    }

    void detail(String format, Object... args) {
        out.printf(Locale.ROOT, "        %s%n", String.format(Locale.ROOT, format, args));
    }

    Duration elapsed() {
        return Duration.between(start, Instant.now());
    }
}
