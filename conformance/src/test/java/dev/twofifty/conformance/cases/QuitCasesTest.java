package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.CaseRuns.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The oracles of §2.10, each proven on a careful client (PASS) and a faulty one. */
@Timeout(60)
class QuitCasesTest {

    @Test
    void quit_last_passes_quit_and_fails_a_close_without_it() {
        CaseRuns.Pair runs = CaseRuns.run(QuitCases.quitLast(), Flaw.NO_QUIT);

        assertResult(runs.careful(), Verdict.PASS, "the client sent QUIT before closing");
        assertResult(runs.faulty(), Verdict.FAIL, "the client closed without QUIT in [session 1]");
    }

    @Test
    void quit_wait_221_passes_a_client_that_waits_and_warns_about_one_that_closes_during_the_hold() {
        CaseRuns.Pair runs = CaseRuns.run(QuitCases.quitWait221(), Flaw.CLOSE_BEFORE_221);

        assertResult(runs.careful(), Verdict.PASS, "the client waited for the 221 before closing");
        assertThat(runs.faulty().verdict()).isEqualTo(Verdict.WARN);
        assertThat(runs.faulty().judgement().reason())
                .matches("the client closed the connection before the 221, which was held 100 ms"
                        + " \\(session 1: closed \\d+ ms after QUIT\\)");
        assertThat(runs.faulty().judgement().evidence())
                .anyMatch(line -> line.endsWith("C: QUIT"))
                .anyMatch(line -> line.endsWith("-- connection closed (CLIENT_CLOSE)"))
                .noneMatch(line -> line.contains("S: 221"));
    }

    @Test
    void quit_fails_after_delivery_passes_delivered_and_fails_a_message_reported_failed_because_of_quit() {
        CaseRuns.Pair runs = CaseRuns.run(QuitCases.quitFailsAfterDelivery(), Flaw.QUIT_FAILURE_FAILS_MESSAGE);

        assertResult(runs.careful(), Verdict.PASS, "the client reported DELIVERED");
        assertThat(runs.careful().transcript())
                .anyMatch(line -> line.endsWith("S: 421 4.3.2 mx.test Service shutting down"));
        assertResult(runs.faulty(), Verdict.FAIL, "the client reported TRANSIENT(421) but DELIVERED is required");
    }

    @Test
    void quit_after_error_passes_quit_and_fails_a_client_that_just_closes_after_the_550() {
        CaseRuns.Pair runs = CaseRuns.run(QuitCases.quitAfterError(), Flaw.NO_QUIT_AFTER_ERROR);

        assertResult(runs.careful(), Verdict.PASS, "the client sent QUIT before closing");
        assertResult(runs.faulty(), Verdict.FAIL, "the client closed without QUIT in [session 1]");
    }
}
