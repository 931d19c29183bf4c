package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConformanceTests;
import dev.twofifty.conformance.Finding;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole-catalogue run of one adapter and the checks every adapter's run must pass. The catalogue
 * grows while the published verdicts are pinned case by case: a new case must have its outcomes
 * classified, and gets its verdict pinned when it is published.
 */
final class CatalogueRuns {

    private CatalogueRuns() {}

    static ConformanceReport run(ClientAdapter adapter) {
        return ConformanceRunner.defaults().run(adapter, Catalogue.all());
    }

    /** No UNKNOWN outcome in any case: the adapter classified everything its client reported and never failed. */
    static void assertEveryOutcomeClassified(ConformanceReport report) {
        for (CaseResult result : report.results()) {
            assertThat(result.outcomes())
                    .as("%s of %s:%n%s", result.id(), report.client(), ConformanceTests.describe(result))
                    .noneMatch(outcome -> outcome.kind() == Outcome.Kind.UNKNOWN);
        }
    }

    /** The pinned verdicts, each case that is in the catalogue today. */
    static void assertVerdicts(ConformanceReport report, Map<String, Verdict> published) {
        for (Map.Entry<String, Verdict> expected : published.entrySet()) {
            CaseResult result = report.result(expected.getKey())
                    .orElseThrow(() -> new AssertionError("No case " + expected.getKey() + " in the catalogue"));
            assertThat(result.verdict())
                    .as("%s of %s:%n%s", result.id(), report.client(), ConformanceTests.describe(result))
                    .isEqualTo(expected.getValue());
        }
    }

    /**
     * The invariants broken in the pinned cases: exactly these, by case (a case not named broke none).
     */
    static void assertBrokenInvariants(ConformanceReport report, Set<String> pinned, Map<String, List<String>> broken) {
        for (String id : pinned) {
            CaseResult result = result(report, id);
            assertThat(result.findings())
                    .as("%s of %s:%n%s", id, report.client(), ConformanceTests.describe(result))
                    .extracting(Finding::invariant)
                    .containsExactlyElementsOf(broken.getOrDefault(id, List.of()));
        }
    }

    /** A verdict line of a published console table: {@code "  FAIL GREET-554   MUST   title"}. */
    private static final Pattern VERDICT_LINE = Pattern.compile("^\\s+(PASS|FAIL|WARN|INFO|N/A)\\s+(\\S+)\\s.*$");

    /**
     * The cases of this run that FAIL are exactly those of the client's published table in docs/conformance.md
     * ("Results"), kept in {@code docs/conformance-results/CLIENT/console.txt} as {@code
     * conformance/clients/run-all.sh} wrote it; and that table has a verdict for every case of today's catalogue,
     * so a new case sends whoever adds it to run the published clients again.
     */
    static void assertFailuresAsPublished(ConformanceReport report, String client) throws IOException {
        Path table = Path.of("../docs/conformance-results", client, "console.txt");
        Map<String, String> published = new LinkedHashMap<>();
        for (String line : Files.readAllLines(table)) {
            Matcher matcher = VERDICT_LINE.matcher(line);
            if (matcher.matches() && !matcher.group(2).startsWith("INV-")) {
                published.put(matcher.group(2), matcher.group(1));
            }
        }
        assertThat(published.keySet())
                .as("the cases of the published table %s", table)
                .containsExactlyInAnyOrderElementsOf(
                        report.results().stream().map(CaseResult::id).toList());
        Set<String> publishedFailures = new TreeSet<>();
        published.forEach((id, verdict) -> {
            if (verdict.equals("FAIL")) {
                publishedFailures.add(id);
            }
        });
        Set<String> failures = new TreeSet<>();
        report.results().stream()
                .filter(result -> result.verdict() == Verdict.FAIL)
                .forEach(result -> failures.add(result.id()));
        assertThat(failures)
                .as("the cases %s fails now, against the FAILs of the published table %s", report.client(), table)
                .containsExactlyInAnyOrderElementsOf(publishedFailures);
    }

    /** The case's result. */
    static CaseResult result(ConformanceReport report, String id) {
        return report.result(id).orElseThrow(() -> new AssertionError("No case " + id + " in the catalogue"));
    }
}
