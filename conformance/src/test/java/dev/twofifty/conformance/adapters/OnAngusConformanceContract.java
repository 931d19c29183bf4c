package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceReport;
import dev.twofifty.conformance.Verdict;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A library that sends through Angus Mail and keeps its defaults, over the whole catalogue: every outcome
 * classified, the FAILs of its published table, and the published verdicts, which are those of Angus Mail's
 * defaults underneath. DATA-DOT-STUFFING is N/A because such a library composes or rewrites the message itself
 * (no RAW_CONTENT). Each library's test names its adapter and its published table.
 */
@Timeout(120)
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnAngusConformanceContract {

    /** The published verdicts of the cases in the catalogue today. */
    private static final Map<String, Verdict> PUBLISHED = Map.of(
            "GREET-WAIT", Verdict.PASS,
            "GREET-SLOW", Verdict.PASS,
            "GREET-MULTILINE", Verdict.PASS,
            "GREET-554", Verdict.FAIL,
            "GREET-421", Verdict.PASS,
            "GREET-521", Verdict.PASS,
            "MAIL-5XX", Verdict.PASS,
            "DATA-DOT-STUFFING", Verdict.NOT_APPLICABLE,
            "QUIT-LAST", Verdict.PASS);

    private ConformanceReport report;

    /** The adapter of the library under test. */
    abstract ClientAdapter adapter();

    /** The library's directory under {@code docs/conformance-results/}. */
    abstract String publishedName();

    @BeforeAll
    void runTheCatalogue() {
        report = CatalogueRuns.run(adapter());
    }

    @Test
    void every_outcome_is_classified() {
        CatalogueRuns.assertEveryOutcomeClassified(report);
    }

    @Test
    void the_failures_are_those_of_the_published_results() throws IOException {
        CatalogueRuns.assertFailuresAsPublished(report, publishedName());
    }

    @Test
    void published_verdicts_and_broken_invariants() {
        CatalogueRuns.assertVerdicts(report, PUBLISHED);
        CatalogueRuns.assertBrokenInvariants(report, PUBLISHED.keySet(), Map.of("GREET-554", List.of("INV-10")));
    }

    /**
     * FAIL GREET-554 (RFC 5321 §4.1.1.10, MUST NOT close before QUIT): the library leaves Angus's
     * {@code mail.smtp.quitonsessionreject} at its default (false), so a refused greeting ends in a close.
     * Evidence, the whole session: {@code S1  0 ms S: 554 5.3.2 No SMTP service here}, then
     * {@code -- connection closed (CLIENT_CLOSE)}, no client line at all.
     */
    @Test
    void a_554_greeting_ends_in_a_close_without_quit() {
        CaseResult result = CatalogueRuns.result(report, "GREET-554");

        assertThat(result.judgement().reason()).isEqualTo("the client closed without QUIT in [session 1]");
        assertThat(result.transcript())
                .anyMatch(line -> line.endsWith("S: 554 5.3.2 No SMTP service here"))
                .anyMatch(line -> line.endsWith("-- connection closed (CLIENT_CLOSE)"))
                .noneMatch(line -> line.contains(" C: "));
        assertThat(result.outcomes())
                .singleElement()
                .satisfies(outcome -> assertThat(outcome.label()).isEqualTo("PERMANENT(554)"));
    }
}
