package dev.twofifty.benchmarks.harness;

import dev.twofifty.benchmarks.harness.Stats.Summary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoublePredicate;

/** The results of a run as markdown: how it was run, its problems, one table per group, and the bars. */
final class Report {

    /**
     * What the report says about the run besides its results.
     *
     * @param options how the run was started
     * @param machine the machine and JVM
     * @param versions the servers' versions
     * @param started when the run started
     * @param took how long it took
     * @param loadAtStart load averages at the start
     * @param loadAtEnd load averages at the end
     */
    record RunInfo(
            HarnessOptions options,
            Machine machine,
            Versions versions,
            Instant started,
            Duration took,
            String loadAtStart,
            String loadAtEnd) {}

    private static final String FLAG = " ⚠";

    private final RunInfo run;
    private final Results results;
    private final Scale scale;
    private final StringBuilder out = new StringBuilder();

    private Report(RunInfo run, Results results) {
        this.run = run;
        this.results = results;
        this.scale = run.options().scale();
    }

    static String render(RunInfo run, Results results) {
        return new Report(run, results).render();
    }

    private String render() {
        header();
        problems();
        for (Figure.Group group : Figure.Group.values()) {
            table(group);
        }
        bars();
        return out.toString();
    }

    private void header() {
        HarnessOptions options = run.options();
        Versions versions = run.versions();
        line("## Results");
        line("");
        line(String.format(
                Locale.ROOT,
                "Measured by `%s` (scale **%s**: %d repetition%s, the servers alternated) on %s UTC, in %d min.",
                options.command(),
                scale.name(),
                scale.repetitions(),
                scale.repetitions() == 1 ? "" : "s",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                        .withZone(ZoneOffset.UTC)
                        .format(run.started()),
                Math.max(1, run.took().toMinutes())));
        line("");
        line("- **Machine:** " + run.machine().describe() + "; load average (1 / 5 / 15 min) " + run.loadAtStart()
                + " at the start, " + run.loadAtEnd() + " at the end.");
        line("- **JVM:** " + run.machine().jvm() + "; every Java server in a JVM of its own with `"
                + String.join(" ", options.jvmOptions()) + "`, as are the JMH forks.");
        line("- **Servers:** TwoFifty " + versions.twofifty() + " (default configuration), GreenMail "
                + versions.greenmail() + ", SubEthaSMTP Wiser " + versions.subethasmtp() + ", Postfix smtp-sink "
                + versions.postfix() + ".");
        line(String.format(
                Locale.ROOT,
                "- **Sizes:** %,d / %,d / %,d / %,d messages in the four throughput workloads, after a warm-up of"
                        + " at least %d s of untimed rounds of every workload at 1/%d of its size; %,d Angus Mail sends"
                        + " per series after %,d untimed; %,d and %,d idle connections.",
                scale.parallelMessages(),
                scale.sequentialMessages(),
                scale.tenRecipientMessages(),
                scale.newConnectionMessages(),
                scale.warmUp().toSeconds(),
                scale.warmUpDivisor(),
                scale.sends(),
                scale.sendWarmUp(),
                scale.idleSmall(),
                scale.idleLarge()));
        line("");
        line("Each cell is the median over the repetitions, with the lowest and highest value in brackets. A ratio"
                + " is TwoFifty's value divided by the peer's within each repetition, summarized the same way.");
        for (String note : results.notes()) {
            line("");
            line("Note: " + note);
        }
        line("");
    }

    private void problems() {
        List<Results.Problem> problems = results.problems();
        line("### Problems");
        line("");
        if (problems.isEmpty()) {
            line("None: after every run each server had stored exactly the messages sent to it, and every idle"
                    + " connection was still open when measured.");
        } else {
            line("**" + problems.size() + " problem(s).** Figures they concern are marked" + FLAG
                    + " in the tables; their values are kept, not dropped.");
            line("");
            for (Results.Problem problem : problems) {
                line("- " + FLAG.trim() + " " + problem.server().displayName() + ", repetition "
                        + problem.repetition()
                        + problem.figures().stream()
                                .findFirst()
                                .map(f -> ", " + f.label(scale))
                                .orElse("")
                        + ": " + problem.message());
            }
        }
        line("");
    }

    private void table(Figure.Group group) {
        List<ServerKind> servers = run.options().servers();
        List<ServerKind> peers = run.options().peers();
        String direction = group.higherIsBetter
                ? "higher is better: a ratio above 1 means TwoFifty is ahead"
                : "lower is better: a ratio below 1 means TwoFifty is ahead";
        line("### " + group.title + " (" + group.unit + "; " + direction + ")");
        line("");
        StringBuilder head = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ServerKind server : servers) {
            head.append(' ').append(server.displayName()).append(" |");
            rule.append("---:|");
        }
        for (ServerKind peer : peers) {
            head.append(" TwoFifty ÷ ").append(peer.displayName()).append(" |");
            rule.append("---:|");
        }
        line(head.toString());
        line(rule.toString());
        for (Figure figure : group.figures()) {
            StringBuilder row = new StringBuilder("| " + figure.label(scale) + " |");
            for (ServerKind server : servers) {
                row.append(' ').append(cell(figure, server)).append(" |");
            }
            for (ServerKind peer : peers) {
                row.append(' ').append(ratioCell(figure, peer)).append(" |");
            }
            line(row.toString());
        }
        line("");
    }

    private String cell(Figure figure, ServerKind server) {
        if (!figure.appliesTo(server)) {
            return "–";
        }
        String flag = results.isFlagged(figure, server) ? FLAG : "";
        return results.summary(figure, server)
                        .map(s -> figure.group.format(s.median()) + " (" + figure.group.format(s.min()) + "–"
                                + figure.group.format(s.max()) + ")" + missing(s))
                        .orElse("not measured")
                + flag;
    }

    private String ratioCell(Figure figure, ServerKind peer) {
        if (!figure.appliesTo(peer)) {
            return "–";
        }
        String flag = results.isFlagged(figure, ServerKind.TWOFIFTY) || results.isFlagged(figure, peer) ? FLAG : "";
        return results.ratio(figure, peer)
                        .map(s -> ratio(s.median()) + " (" + ratio(s.min()) + "–" + ratio(s.max()) + ")")
                        .orElse("n/a")
                + flag;
    }

    /** Says so when fewer repetitions than planned produced a value. */
    private String missing(Summary summary) {
        return summary.count() < results.repetitions()
                ? " [" + summary.count() + " of " + results.repetitions() + " runs]"
                : "";
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 0.1 ? "%.3f×" : "%.2f×", value);
    }

    private void bars() {
        line("### Bars of PRODUCT.md §7");
        line("");
        line("| Bar | Measured (median) | Met |");
        line("|---|---|---|");
        ratioBar("Throughput, 20 sessions, 1 KiB: at least as fast as smtp-sink", Figure.PARALLEL, r -> r >= 1.0);
        ratioBar(
                "Throughput, 10 recipients per message: at least 0.8× smtp-sink", Figure.TEN_RECIPIENTS, r -> r >= 0.8);
        ratioBar(
                "Throughput, new connection per message: at least 0.8× smtp-sink",
                Figure.NEW_CONNECTION,
                r -> r >= 0.8);
        valueBar("Start + first greeting + stop: median ≤ 1 ms warm", Figure.START_STOP, v -> v <= 1_000, " µs");
        ratioBar(
                "One Angus Mail send on a new connection: median no slower than smtp-sink",
                Figure.SEND_NEW_MEDIAN,
                r -> r <= 1.0);
        threadBar();
        valueBar(
                String.format(Locale.ROOT, "%,d idle connections: ≤ 8 KiB heap per connection", scale.idleLarge()),
                Figure.HEAP_LARGE,
                v -> v <= 8,
                " KiB");
        long mismatches = results.problems().stream()
                .filter(p -> p.server() == ServerKind.TWOFIFTY && p.countMismatch())
                .count();
        barLine(
                "Zero lost messages: every message TwoFifty accepted is counted in its journal",
                mismatches == 0 ? "every count equal" : mismatches + " count(s) differ, see Problems",
                Optional.of(mismatches == 0));
        line("");
        line("The byte-exact check of journaled messages and the bars on hostile input belong to the robustness"
                + " tests, not to this run.");
    }

    private void ratioBar(String bar, Figure figure, DoublePredicate met) {
        if (!run.options().servers().contains(ServerKind.SMTP_SINK)) {
            barLine(bar, "smtp-sink not measured", Optional.empty());
            return;
        }
        Optional<Summary> ratio = results.ratio(figure, ServerKind.SMTP_SINK);
        barLine(
                bar,
                ratio.map(r -> ratio(r.median()) + " smtp-sink").orElse("not measured"),
                ratio.map(r -> met.test(r.median())));
    }

    private void valueBar(String bar, Figure figure, DoublePredicate met, String unit) {
        Optional<Summary> value = results.summary(figure, ServerKind.TWOFIFTY);
        barLine(
                bar,
                value.map(v -> figure.group.format(v.median()) + unit).orElse("not measured"),
                value.map(v -> met.test(v.median())));
    }

    /** Constant: no more Java threads with the large number of idle connections than with the small one. */
    private void threadBar() {
        Optional<Summary> small = results.summary(Figure.JAVA_THREADS_SMALL, ServerKind.TWOFIFTY);
        Optional<Summary> large = results.summary(Figure.JAVA_THREADS_LARGE, ServerKind.TWOFIFTY);
        String bar = String.format(
                Locale.ROOT,
                "%,d idle connections: constant thread count (vs %,d)",
                scale.idleLarge(),
                scale.idleSmall());
        if (small.isEmpty() || large.isEmpty()) {
            barLine(bar, "not measured", Optional.empty());
            return;
        }
        barLine(
                bar,
                String.format(
                        Locale.ROOT,
                        "%.0f → %.0f Java threads",
                        small.get().median(),
                        large.get().median()),
                Optional.of(large.get().median() <= small.get().median()));
    }

    private void barLine(String bar, String measured, Optional<Boolean> met) {
        line("| " + bar + " | " + measured + " | "
                + met.map(m -> m ? "yes" : "**no**").orElse("–") + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
