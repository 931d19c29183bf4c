package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.CaseRuns.assertResult;
import static dev.twofifty.conformance.cases.CaseRuns.assertResultStartsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.TimeScale;
import dev.twofifty.conformance.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The oracles of §2.11, each proven on a careful client (PASS) and a faulty one. These cases are about
 * timeouts, so each run takes about one client timeout (3 s); the two clients run at the same time.
 */
@Timeout(60)
class TimeoutCasesTest {

    @Test
    void stall_passes_a_timeout_and_fails_a_client_without_one() {
        CaseRuns.Pair runs = CaseRuns.run(TimeoutCases.stall(), CaseRuns.shortWatchdog(), Flaw.NO_TIMEOUT);

        assertResult(
                runs.careful(),
                Verdict.PASS,
                "the server never answered the end of data; the client gave up after 3.0 s (timeout 3.0 s)");
        assertThat(runs.careful().outcomes()).extracting(Outcome::label).containsExactly("TRANSIENT(conn-loss)");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the server never answered the end of data and the client was still waiting when the watchdog"
                        + " fired: it has no timeout here");
    }

    @Test
    void minimums_wait_out_every_late_reply_and_warn_about_a_client_that_gives_up_early() {
        ConformanceCase compressed = atThousandthOfRealTime(TimeoutCases.minimums());

        CaseRuns.Pair runs = CaseRuns.run(compressed, Flaw.SHORT_TIMEOUT);

        assertResultStartsWith(runs.careful(), Verdict.PASS, "the client waited for every late reply (");
        assertResultStartsWith(runs.faulty(), Verdict.WARN, "the client gave up after 0.");
        assertThat(runs.faulty().judgement().reason())
                .endsWith(" while waiting for the greeting, before the RFC minimum");
    }

    @Test
    void minimums_are_not_applicable_outside_the_slow_tier() {
        CaseResult result = CaseRuns.single(TimeoutCases.minimums(), TestSmtpClient.careful());

        assertResult(
                result,
                Verdict.NOT_APPLICABLE,
                "the case runs only in the slow tier, with the real RFC timers (TimeScale.REAL); this run is scaled"
                        + " by 0.01");
        assertThat(result.transcript()).isEmpty();
        assertThat(TimeoutCases.minimums().runsAt(TimeScale.REAL)).isTrue();
    }

    @Test
    void per_command_passes_a_timer_per_command_and_fails_one_deadline_for_the_session() {
        CaseRuns.Pair runs = CaseRuns.run(TimeoutCases.perCommand(), Flaw.GLOBAL_DEADLINE);

        assertResultStartsWith(
                runs.careful(), Verdict.PASS, "each reply came within the timeout, the session lasted 4.");
        assertResultStartsWith(runs.faulty(), Verdict.FAIL, "the client reported TRANSIENT(conn-loss) after 3.");
        assertThat(runs.faulty().judgement().reason()).endsWith(" although every reply came within its timeout");
    }

    @Test
    void slow_reader_passes_a_timeout_per_block_and_fails_a_deadline_for_the_whole_message() {
        CaseRuns.Pair runs = CaseRuns.run(TimeoutCases.slowReader(), Flaw.WHOLE_MESSAGE_DEADLINE);

        assertResultStartsWith(runs.careful(), Verdict.PASS, "the client kept writing to the slow reader for 1.");
        assertThat(runs.careful().transcript())
                .anyMatch(line -> line.endsWith("-- fault: reading message content at 150000 octets/s"));
        assertResultStartsWith(runs.faulty(), Verdict.FAIL, "the client reported TRANSIENT(conn-loss) after 1.");
    }

    @Test
    void write_stall_passes_a_write_timeout_and_fails_a_client_blocked_in_its_write() {
        CaseRuns.Pair runs = CaseRuns.run(TimeoutCases.writeStall(), CaseRuns.shortWatchdog(), Flaw.NO_WRITE_TIMEOUT);

        assertResultStartsWith(
                runs.careful(), Verdict.PASS, "the server stopped reading the message; the client gave up after 3.");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the server stopped reading the message and the client was still waiting when the watchdog fired:"
                        + " it has no timeout here");
    }

    @Test
    void drop_mid_session_passes_temporary_failures_and_fails_a_dropped_message_reported_sent() {
        CaseRuns.Pair runs = CaseRuns.run(TimeoutCases.dropMidSession(), Flaw.DROP_AFTER_DATA_IS_SUCCESS);

        assertResult(
                runs.careful(),
                Verdict.PASS,
                "every dropped message was reported as a temporary failure (1 of 5 delivered, 5 connections)");
        assertThat(runs.careful().outcomes())
                .extracting(Outcome::label)
                .containsExactly(
                        "TRANSIENT(conn-loss)",
                        "TRANSIENT(conn-loss)",
                        "TRANSIENT(conn-loss)",
                        "DELIVERED",
                        "TRANSIENT(conn-loss)");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client reported 2 messages as delivered but only 1 arrived: a dropped message was reported as"
                        + " sent");
    }

    /** The slow-tier case with its delays at a thousandth (290 s become 290 ms), runnable in the fast tier. */
    private static ConformanceCase atThousandthOfRealTime(ConformanceCase slow) {
        return new ConformanceCase(
                slow.id(),
                slow.title(),
                slow.phase(),
                slow.level(),
                slow.rfc(),
                slow.rationale(),
                slow.server(),
                scale -> slow.rules().apply(new TimeScale(0.001, Duration.ofMinutes(5))),
                slow.request(),
                slow.moreRequests(),
                slow.requires(),
                slow.oracle(),
                false);
    }
}
