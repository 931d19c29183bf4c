package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.MailCasesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.cases.TestClient.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.8 oracles against a careful client (PASS) and a client with the fault each case is about. */
@Timeout(60)
class EndOfDataCasesTest {

    @Test
    void eod_250() {
        CaseResult careful = run(EndOfDataCases.eod250(), TestClient.careful());
        CaseResult resending = run(EndOfDataCases.eod250(), TestClient.with(Fault.DUPLICATE));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason()).isEqualTo("the client reported DELIVERED and sent the message once");
        assertThat(resending.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(resending.judgement().reason())
                .isEqualTo("after a 250 the client reported DELIVERED and sent 2 copies over 1 connections");
    }

    @Test
    void eod_4xx() {
        CaseResult careful = run(EndOfDataCases.eod4xx(), TestClient.careful());
        CaseResult resending = run(EndOfDataCases.eod4xx(), TestClient.with(Fault.RESEND_AT_ONCE));
        CaseResult permanent = run(EndOfDataCases.eod4xx(), TestClient.with(Fault.FOUR_XX_AS_PERMANENT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes())
                .extracting(Outcome::label)
                .containsExactly("TRANSIENT(451)", "TRANSIENT(452)", "TRANSIENT(450)");
        assertThat(resending.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(resending.judgement().reason())
                .startsWith("the client retried at once: [session 1: 2 × DATA, session 2: 2 × DATA, session 3: 2 ×"
                        + " DATA]; retries must be delayed");
        assertThat(permanent.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(permanent.judgement().reason())
                .isEqualTo("the client misreported the reply class: 451 reported as PERMANENT(451); 452 reported as"
                        + " PERMANENT(452); 450 reported as PERMANENT(450)");
    }

    @Test
    void eod_5xx() {
        CaseResult careful = run(EndOfDataCases.eod5xx(), TestClient.careful());
        CaseResult resending = run(EndOfDataCases.eod5xx(), TestClient.with(Fault.RESEND_AT_ONCE));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(resending.verdict()).isEqualTo(Verdict.WARN);
        assertThat(resending.judgement().reason())
                .isEqualTo("the client sent the refused message again: [session 1: 2 × DATA, session 2: 2 × DATA,"
                        + " session 3: 2 × DATA]");
    }

    @Test
    void eod_421() {
        CaseResult careful = run(EndOfDataCases.eod421(), TestClient.careful());
        CaseResult talking = run(EndOfDataCases.eod421(), TestClient.with(Fault.TALK_AFTER_421));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes()).extracting(Outcome::label).containsExactly("TRANSIENT(421)", "TRANSIENT(421)");
        assertThat(talking.verdict()).isEqualTo(Verdict.WARN);
        assertThat(talking.judgement().reason())
                .isEqualTo("after a 421 the client sent [S2 \"RSET\"]; the server is closing, only QUIT makes sense");
    }

    @Test
    void eod_no_reply() {
        CaseResult careful = run(EndOfDataCases.eodNoReply(), TestClient.careful());
        CaseResult optimistic = run(EndOfDataCases.eodNoReply(), TestClient.with(Fault.EOF_AS_SUCCESS));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("the lost reply was reported as TRANSIENT(conn-loss), TRANSIENT(conn-loss)");
        assertThat(optimistic.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(optimistic.judgement().reason())
                .isEqualTo("the client reported DELIVERED although the server never answered the data");
    }

    @Test
    void eod_slow_250() {
        CaseResult careful = run(EndOfDataCases.eodSlow250(), TestClient.careful());
        CaseResult impatient = run(EndOfDataCases.eodSlow250(), TestClient.with(Fault.SHORT_TIMEOUT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(impatient.verdict()).isEqualTo(Verdict.WARN);
        assertThat(impatient.judgement().reason())
                .isEqualTo("the client did not wait for the held 250: TRANSIENT(conn-loss)");
    }
}
