package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The entry point of the load harness: {@code java -cp benchmarks.jar dev.twofifty.benchmarks.harness.Harness
 * [--quick]}. Measures every server, prints the markdown report and writes it to a file; exits with 1
 * when the run met a problem (such as a count that did not match), after writing the report.
 *
 * <p>{@code benchmarks/run} installs what the harness needs, builds it and starts it;
 * {@code docs/benchmarks.md} says what it measures and how.
 */
public final class Harness {

    private Harness() {}

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(HarnessOptions.USAGE);
            return;
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Outcome outcome = measure(options);
        String report = outcome.report();
        write(options.output(), report);
        System.out.print(report);
        System.err.println("Report written to " + options.output().toAbsolutePath());
        System.exit(outcome.results().problems().isEmpty() ? 0 : 1);
    }

    /**
     * A finished run.
     *
     * @param info how it was run
     * @param results what it measured
     */
    record Outcome(Report.RunInfo info, Results results) {

        String report() {
            return Report.render(info, results);
        }
    }

    /** Runs every measurement the options ask for. */
    static Outcome measure(HarnessOptions options) {
        Progress progress = new Progress(System.err);
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        Results results = new BenchmarkRun(options, progress).run();
        Report.RunInfo info = new Report.RunInfo(
                options,
                Machine.current(),
                Versions.detect(options.smtpSink()),
                started,
                Duration.between(started, Instant.now()),
                loadAtStart,
                Machine.loadAverage());
        return new Outcome(info, results);
    }

    static void write(Path file, String report) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, report);
    }
}
