package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Catalogue;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.ConformanceRunner;
import dev.twofifty.conformance.ConformanceTests;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.util.Map;

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

    /** The case's result. */
    static CaseResult result(ConformanceReport report, String id) {
        return report.result(id).orElseThrow(() -> new AssertionError("No case " + id + " in the catalogue"));
    }
}
