package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.CaseRuns.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The oracles of §2.9, each proven on a careful client (PASS) and a faulty one (the verdict it is about). */
@Timeout(60)
class TransactionCasesTest {

    @Test
    void two_messages_passes_one_transaction_after_the_other_and_fails_a_repeated_mail() {
        CaseRuns.Pair runs = CaseRuns.run(TransactionCases.twoMessages(), Flaw.MAIL_TWICE);

        assertResult(runs.careful(), Verdict.PASS, "the second MAIL followed the end of the first transaction");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client sent MAIL inside an open transaction (2x), without RSET or EHLO first");
        assertThat(runs.faulty().judgement().evidence())
                .anyMatch(line ->
                        line.endsWith("S: 503 5.5.1 Bad sequence of commands: a mail transaction is already open"));
    }

    @Test
    void rset_after_abort_passes_rset_and_fails_a_mail_inside_the_aborted_transaction() {
        CaseRuns.Pair runs = CaseRuns.run(TransactionCases.rsetAfterAbort(), Flaw.NO_RSET);

        assertResult(runs.careful(), Verdict.PASS, "the client sent RSET before the second MAIL");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client sent MAIL inside an open transaction (1x), without RSET or EHLO first");
    }

    @Test
    void rset_refused_passes_a_new_connection_and_fails_a_client_that_goes_on_after_the_421() {
        CaseRuns.Pair runs = CaseRuns.run(TransactionCases.rsetRefused(), Flaw.IGNORES_421);

        assertResult(runs.careful(), Verdict.PASS, "after the 421 to RSET the client sent nothing");
        assertThat(runs.careful().outcomes()).extracting(Outcome::label).containsExactly("PERMANENT(550)", "DELIVERED");
        assertThat(runs.careful().transcript()).anyMatch(line -> line.startsWith("S2 "));
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "after the 421 to RSET the client went on with [MAIL FROM:<ann@client.test> SIZE=276,"
                        + " RCPT TO:<bob@mx.test>, RCPT TO:<carol@mx.test>, DATA] on the same connection; after the"
                        + " refused RSET the client reported the second message as PERMANENT(503), but a 421 is"
                        + " temporary: TRANSIENT or a delivery on a new connection is required");
    }

    @Test
    void reuse_stale_passes_a_reconnect_and_fails_a_421_reported_as_a_permanent_refusal() {
        CaseRuns.Pair runs = CaseRuns.run(TransactionCases.reuseStale(), Flaw.MAIL_FAILURE_PERMANENT);

        assertResult(
                runs.careful(),
                Verdict.PASS,
                "after the unsolicited 421 the client delivered the second message on connection 2");
        assertThat(runs.careful().transcript())
                .anyMatch(line -> line.endsWith("S: 421 4.4.2 mx.test Idle timeout, closing connection"));
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "after the unsolicited 421 the client reported the second message as PERMANENT(421), but a 421 is"
                        + " temporary: TRANSIENT or a delivery on a new connection is required");
    }

    @Test
    void reuse_stale_is_not_applicable_to_a_client_that_never_idles_between_messages() {
        ClientAdapter neverIdle = new ClientAdapter() {
            private final TestSmtpClient client = TestSmtpClient.careful();

            @Override
            public String name() {
                return "never idle";
            }

            @Override
            public Set<Feature> features() {
                return client.features();
            }

            @Override
            public List<Outcome> send(Endpoint endpoint, MailRequest request) {
                return client.send(endpoint, request.withPauseBetweenMessages(Duration.ZERO));
            }
        };

        assertResult(
                CaseRuns.single(TransactionCases.reuseStale(), neverIdle),
                Verdict.NOT_APPLICABLE,
                "the client did not stay idle between the messages, so the server's idle timeout never fired");
    }
}
