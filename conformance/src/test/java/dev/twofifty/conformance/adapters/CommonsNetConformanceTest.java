package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.Verdict;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Apache Commons Net's SMTP client, driven by the adapter's flow, over the whole catalogue: every
 * outcome classified, and the published verdicts. The flow sends QUIT after a refused greeting, so
 * GREET-554 passes here; DATA-DOT-STUFFING exercises Commons Net's own dot-stuffing writer.
 */
@Timeout(120)
@Execution(ExecutionMode.CONCURRENT)
class CommonsNetConformanceTest {

    /** The published verdicts of the cases in the catalogue today. */
    private static final Map<String, Verdict> PUBLISHED = Map.of(
            "GREET-WAIT", Verdict.PASS,
            "GREET-SLOW", Verdict.PASS,
            "GREET-MULTILINE", Verdict.PASS,
            "GREET-554", Verdict.PASS,
            "GREET-421", Verdict.PASS,
            "GREET-521", Verdict.PASS,
            "MAIL-5XX", Verdict.PASS,
            "DATA-DOT-STUFFING", Verdict.PASS,
            "QUIT-LAST", Verdict.PASS);

    private static ConformanceReport report;

    @BeforeAll
    static void runTheCatalogue() {
        report = CatalogueRuns.run(new CommonsNetAdapter());
    }

    @Test
    void every_outcome_is_classified() {
        CatalogueRuns.assertEveryOutcomeClassified(report);
    }

    @Test
    void the_failures_are_those_of_the_published_results() throws IOException {
        CatalogueRuns.assertFailuresAsPublished(report, "commons-net");
    }

    @Test
    void published_verdicts_and_broken_invariants() {
        CatalogueRuns.assertVerdicts(report, PUBLISHED);
        CatalogueRuns.assertBrokenInvariants(report, PUBLISHED.keySet(), Map.of());
    }

    /** PASS DATA-DOT-STUFFING: Commons Net's {@code DotTerminatedMessageWriter} stuffs every line that starts with a dot. */
    @Test
    void the_dot_stuffing_writer_keeps_the_content_intact() {
        CaseResult result = CatalogueRuns.result(report, "DATA-DOT-STUFFING");

        assertThat(result.judgement().reason()).isEqualTo("the content arrived byte for byte");
    }
}
