package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.CaseRuns.assertResult;
import static dev.twofifty.conformance.cases.CaseRuns.assertResultStartsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.adapters.AngusMailAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The oracles of §2.12, each proven on a careful client (PASS) and a faulty one. */
@Timeout(60)
class PipeliningCasesTest {

    @Test
    void none_passes_lock_step_and_fails_pipelining_that_was_not_offered() {
        CaseRuns.Pair runs = CaseRuns.run(PipeliningCases.none(), Flaw.PIPELINE_WITHOUT_OFFER);

        assertResult(runs.careful(), Verdict.PASS, "the client waited for every reply");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client sent commands before the reply to the previous one, without PIPELINING (1x)");
        assertThat(runs.faulty().judgement().evidence())
                .first()
                .asString()
                .endsWith("violation: RCPT was sent before the reply to MAIL without PIPELINING advertised");
    }

    @Test
    void sync_points_pass_groups_ended_by_their_synchronising_command_and_fail_a_noop_behind_ehlo() {
        CaseRuns.Pair runs = CaseRuns.run(PipeliningCases.syncPoints(), Flaw.PIPELINE_THROUGH_EHLO);

        assertResult(runs.careful(), Verdict.PASS, "the client waited for the reply to every synchronising command");
        assertThat(runs.careful().transcript())
                .as("the careful client did pipeline MAIL, RCPT and DATA")
                .anyMatch(line -> line.endsWith("C: DATA"));
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client sent more before the reply to a command that ends a pipelined group (1x)");
        assertThat(runs.faulty().judgement().evidence())
                .first()
                .asString()
                .endsWith("violation: NOOP was sent before the reply to EHLO, which must end a pipelined group");
    }

    @Test
    void check_all_passes_a_lone_dot_and_fails_content_sent_to_no_recipient() {
        CaseRuns.Pair runs = CaseRuns.run(PipeliningCases.checkAll(), Flaw.CONTENT_TO_NOBODY);

        assertResult(runs.careful(), Verdict.PASS, "after the 354 the client sent only the final dot");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "after every RCPT was refused the client sent 276 octets of message content");
    }

    @Test
    void check_all_passes_a_lock_step_client_that_never_sends_data() {
        AngusMailAdapter lockStep = new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS);

        assertResult(
                CaseRuns.single(PipeliningCases.checkAll(), lockStep),
                Verdict.PASS,
                "the client did not send DATA after every RCPT was refused");
    }

    @Test
    void counting_passes_replies_matched_by_counting_and_fails_one_line_per_reply() {
        CaseRuns.Pair runs = CaseRuns.run(PipeliningCases.counting(), Flaw.FIRST_LINE_ONLY);

        assertResult(runs.careful(), Verdict.PASS, "the client reported exactly carol@mx.test as refused");
        assertThat(runs.careful().outcomes().get(0).label())
                .isEqualTo("PARTIAL{accepted=[bob@mx.test, dave@mx.test], rejected={carol@mx.test=550}}");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client reported [dave@mx.test] as refused, but only carol@mx.test was");
    }

    @Test
    void deadlock_passes_groups_within_the_window_and_fails_a_client_that_writes_everything_first() {
        CaseRuns.Pair runs = CaseRuns.run(PipeliningCases.deadlock(), Flaw.SENDS_ALL_BEFORE_READING);

        assertResult(runs.careful(), Verdict.PASS, "the client delivered to 1000 recipients without deadlocking");
        assertResultStartsWith(
                runs.faulty(), Verdict.FAIL, "the client reported TRANSIENT(conn-loss) for 1000 recipients");
    }

    @Test
    void early_reject_passes_a_sender_failure_and_fails_one_reported_as_refused_recipients() {
        CaseRuns.Pair runs = CaseRuns.run(PipeliningCases.earlyReject(), Flaw.RECIPIENT_FAILURES);

        assertResult(runs.careful(), Verdict.PASS, "no message content followed the refused MAIL");
        assertThat(runs.careful().outcomes().get(0).label()).isEqualTo("PERMANENT(550)");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client reported PERMANENT(503) with refused recipients {bob@mx.test=503}, but the sender was"
                        + " refused with 550");
    }
}
