package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.MailCasesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.cases.TestClient.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.6 oracles against a careful client (PASS) and a client with the fault each case is about. */
@Timeout(60)
class RcptCasesTest {

    @Test
    void rcpt_one_copy() {
        CaseResult careful = run(RcptCases.oneCopy(), TestClient.careful());
        CaseResult perRecipient = run(RcptCases.oneCopy(), TestClient.with(Fault.TRANSACTION_PER_RECIPIENT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("one transaction carried the message to all five recipients");
        assertThat(perRecipient.verdict()).isEqualTo(Verdict.WARN);
        assertThat(perRecipient.judgement().reason())
                .isEqualTo("the client used 5 transactions (5 copies) for five recipients at one server");
    }

    @Test
    void rcpt_all_rejected() {
        CaseResult careful = run(RcptCases.allRejected(), TestClient.careful());
        CaseResult dataAnyway = run(RcptCases.allRejected(), TestClient.with(Fault.DATA_ANYWAY));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes()).extracting(Outcome::label).containsOnly("PERMANENT(550)");
        assertThat(dataAnyway.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(dataAnyway.judgement().reason())
                .startsWith(
                        "the client sent message content after DATA was refused: [S1 \"From: Ann <ann@client.test>\",");
    }

    @Test
    void rcpt_partial_5xx() {
        CaseResult careful = run(RcptCases.partial5xx(), TestClient.careful());
        CaseResult delivered = run(RcptCases.partial5xx(), TestClient.with(Fault.PARTIAL_AS_DELIVERED));
        CaseResult following = run(RcptCases.partial5xx(), TestClient.with(Fault.FOLLOW_551));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo(
                        "the refused recipient was reported as a permanent failure (policy: delivered to the others)");
        assertThat(following.verdict()).isEqualTo(Verdict.WARN);
        assertThat(following.judgement().reason())
                .isEqualTo("the client sent to the address a 551 suggested: [RCPT TO:<carol@elsewhere.test>]");
        assertThat(delivered.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(delivered.judgement().reason())
                .isEqualTo("the refused recipient was not reported as a permanent failure: [DELIVERED, DELIVERED,"
                        + " DELIVERED, DELIVERED]");
    }

    @Test
    void rcpt_temp_4xx() {
        CaseResult careful = run(RcptCases.temp4xx(), TestClient.careful());
        CaseResult permanent = run(RcptCases.temp4xx(), TestClient.with(Fault.FOUR_XX_AS_PERMANENT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes())
                .allSatisfy(outcome -> assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PARTIAL));
        assertThat(permanent.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(permanent.judgement().reason())
                .isEqualTo("a recipient refused with 4yz was reported as [PERMANENT(450), PERMANENT(451),"
                        + " PERMANENT(452)]");
    }

    @Test
    void rcpt_too_many() {
        CaseResult careful = run(RcptCases.tooMany(), TestClient.careful());
        CaseResult givingUp = run(RcptCases.tooMany(), TestClient.with(Fault.GIVE_UP_ON_TOO_MANY));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo(
                        "452: all 150 recipients were delivered in further transactions; 552: all 150 recipients were"
                                + " delivered in further transactions");
        assertThat(givingUp.verdict()).isEqualTo(Verdict.WARN);
        assertThat(givingUp.judgement().reason())
                .isEqualTo("after 452 for recipients over 100 the client gave up on all 150 (TRANSIENT(452)); it should"
                        + " send the 100 and the rest in another transaction; after 552 for recipients over 100 the"
                        + " client gave up on all 150 (TRANSIENT(452)); it should send the 100 and the rest in another"
                        + " transaction");
    }

    @Test
    void rcpt_421() {
        CaseResult careful = run(RcptCases.rcpt421(), TestClient.careful());
        CaseResult talking = run(RcptCases.rcpt421(), TestClient.with(Fault.TALK_AFTER_421));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes()).extracting(Outcome::label).containsExactly("TRANSIENT(421)", "TRANSIENT(421)");
        assertThat(talking.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(talking.judgement().reason())
                .isEqualTo("after a 421 the client went on with [S2 \"RCPT TO:<third@mx.test>\"]");
    }

    @Test
    void rcpt_2xx_variants() {
        CaseResult careful = run(RcptCases.twoXxVariants(), TestClient.careful());
        CaseResult only250 = run(RcptCases.twoXxVariants(), TestClient.with(Fault.ONLY_250_IS_SUCCESS));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(only250.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(only250.judgement().reason())
                .isEqualTo("the client did not treat 251/252 as success: PERMANENT(251), 0 message(s) sent");
    }
}
