package dev.twofifty.conformance;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prints a line per finished case, {@code [ 3/74] PASS  GREET-554  A 554 greeting: ...}, and a summary
 * table. {@link #withLiveStatus()} adds, for terminals, a status line redrawn in place that shows the
 * cases running now: {@code [ 3/74] running GREET-421, MAIL-5XX}.
 */
public final class ConsoleProgress implements ProgressListener {

    /** Carriage return and ANSI "erase line": puts the cursor at the start of an empty line. */
    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final Consumer<String> out;
    private final boolean live;
    private final Set<String> running = new LinkedHashSet<>();
    private int done;
    private int total;

    private ConsoleProgress(Consumer<String> out, boolean live) {
        this.out = Objects.requireNonNull(out, "out");
        this.live = live;
    }

    /** Progress on this stream. */
    public static ConsoleProgress to(PrintStream stream) {
        Objects.requireNonNull(stream, "stream");
        return new ConsoleProgress(
                text -> {
                    stream.print(text);
                    stream.flush();
                },
                false);
    }

    /** Progress on this writer. */
    public static ConsoleProgress to(PrintWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return new ConsoleProgress(
                text -> {
                    writer.print(text);
                    writer.flush();
                },
                false);
    }

    /** The same progress plus a status line of the running cases, redrawn in place (for terminals, not logs). */
    public ConsoleProgress withLiveStatus() {
        return new ConsoleProgress(out, true);
    }

    @Override
    public synchronized void caseStarted(ConformanceCase started, int doneSoFar, int casesInRun) {
        running.add(started.id());
        total = casesInRun;
        if (live) {
            out.accept(CLEAR_LINE + status());
        }
    }

    @Override
    public synchronized void caseFinished(CaseResult result, int doneSoFar, int casesInRun) {
        running.remove(result.id());
        done = Math.max(done, doneSoFar);
        total = casesInRun;
        int width = String.valueOf(casesInRun).length();
        String line = String.format(
                "[%" + width + "d/%d] %-4s %-24s %s%n",
                doneSoFar,
                casesInRun,
                result.verdict().label(),
                result.id(),
                result.judgement().reason());
        if (live) {
            out.accept(CLEAR_LINE + line + (running.isEmpty() ? "" : status()));
        } else {
            out.accept(line);
        }
    }

    private String status() {
        int width = String.valueOf(total).length();
        return String.format("[%" + width + "d/%d] running %s", done, total, String.join(", ", running));
    }

    /** The report as a table: one line per case and per broken invariant, then the counts. */
    public static String table(ConformanceReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Conformance of ").append(report.client()).append('\n');
        for (CaseResult result : report.results()) {
            out.append(String.format(
                    "  %-4s %-24s %-12s %s%n",
                    result.verdict().label(),
                    result.id(),
                    result.conformanceCase().level(),
                    result.conformanceCase().title()));
        }
        out.append("Invariants\n");
        for (ConformanceReport.InvariantSummary invariant : report.invariants()) {
            out.append(String.format(
                    "  %-4s %-8s %s%s%n",
                    invariant.verdict().label(),
                    invariant.invariant(),
                    invariant.description(),
                    invariant.cases().isEmpty()
                            ? ""
                            : " (broken in "
                                    + String.join(", ", invariant.cases().keySet()) + ")"));
        }
        StringBuilder counts = new StringBuilder();
        report.counts()
                .forEach((verdict, count) ->
                        counts.append(verdict.label()).append(' ').append(count).append("  "));
        out.append(counts.toString().trim())
                .append(" — ")
                .append(report.elapsed().toMillis())
                .append(" ms\n");
        return out.toString();
    }
}
