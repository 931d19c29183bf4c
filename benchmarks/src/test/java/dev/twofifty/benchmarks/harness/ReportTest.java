package dev.twofifty.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final List<ServerKind> SERVERS = List.of(ServerKind.TWOFIFTY, ServerKind.SMTP_SINK);

    @Test
    void should_show_ratios_per_repetition_with_their_median_and_range() {
        // GIVEN TwoFifty twice as fast as smtp-sink in one repetition, four times in the other two
        Results results = new Results(3);
        double[] twofifty = {2_000, 4_000, 4_000};
        double[] sink = {1_000, 1_000, 1_000};
        for (int i = 0; i < 3; i++) {
            results.record(Figure.PARALLEL, ServerKind.TWOFIFTY, i, twofifty[i]);
            results.record(Figure.PARALLEL, ServerKind.SMTP_SINK, i, sink[i]);
        }

        // WHEN
        String report = Report.render(info(), results);

        // THEN
        assertThat(report)
                .contains("| 20 sessions, 1 KiB, connections kept open | 4,000 (2,000–4,000) | 1,000 (1,000–1,000)"
                        + " | 4.00× (2.00×–4.00×) |")
                .contains("| Throughput, 20 sessions, 1 KiB: at least as fast as smtp-sink | 4.00× smtp-sink | yes |");
    }

    @Test
    void should_flag_a_count_mismatch_in_the_problems_and_in_the_table_keeping_the_value() {
        // GIVEN
        Results results = new Results(1);
        results.record(Figure.TEN_RECIPIENTS, ServerKind.SMTP_SINK, 0, 900);
        results.countMismatch(ServerKind.SMTP_SINK, 0, "stored 99 messages, expected 100", Figure.TEN_RECIPIENTS);

        // WHEN
        String report = Report.render(info(), results);

        // THEN
        assertThat(report)
                .contains("**1 problem(s).**")
                .contains("- ⚠ smtp-sink, repetition 1, 20 sessions, 10 recipients per message:"
                        + " stored 99 messages, expected 100")
                .contains("| 900 (900–900) ⚠ |");
    }

    @Test
    void should_say_not_measured_rather_than_leave_a_figure_out() {
        String report = Report.render(info(), new Results(1));

        assertThat(report)
                .contains("| 1 session, sequential, connection kept open | not measured | not measured | n/a |");
    }

    private static Report.RunInfo info() {
        HarnessOptions options = new HarnessOptions(
                Scale.QUICK,
                SERVERS,
                Optional.empty(),
                Optional.empty(),
                HarnessOptions.DEFAULT_JVM_OPTIONS,
                "",
                Path.of("results.md"),
                Path.of("logs"),
                "benchmarks/run --quick");
        return new Report.RunInfo(
                options,
                new Machine("Test CPU", 2, 4 * 1024 * 1024, "6.1", "Test OS", "Test JVM"),
                new Versions("0.1.0", "2.1.8", "7.2.0", "3.7.11"),
                Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofMinutes(3),
                "1 / 1 / 1",
                "2 / 2 / 2");
    }
}
