package dev.twofifty.conformance;

import java.io.PrintStream;
import java.util.Objects;

/** Prints a line per finished case, {@code [ 3/74] PASS  GREET-554  A 554 greeting: ...}, and a summary table. */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;

    private ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Progress on this stream. */
    public static ConsoleProgress to(PrintStream out) {
        return new ConsoleProgress(out);
    }

    @Override
    public void caseFinished(CaseResult result, int done, int total) {
        int width = String.valueOf(total).length();
        synchronized (out) {
            out.printf(
                    "[%" + width + "d/%d] %-4s %-24s %s%n",
                    done,
                    total,
                    result.verdict().label(),
                    result.id(),
                    result.judgement().reason());
            out.flush();
        }
    }

    /** The report as a table: one line per case and per broken invariant, then the counts. */
    public static String table(ConformanceReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Conformance of ").append(report.client()).append('\n');
        for (CaseResult result : report.results()) {
            out.append(String.format(
                    "  %-4s %-24s %-8s %s%n",
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
