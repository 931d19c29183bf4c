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
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The case's result. */
    static CaseResult result(ConformanceReport report, String id) {
        return report.result(id).orElseThrow(() -> new AssertionError("No case " + id + " in the catalogue"));
    }
}
