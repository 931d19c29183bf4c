package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.MailCasesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.CaseResult;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.conformance.cases.TestClient.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The §2.7 oracles against a careful client (PASS) and a client with the fault each case is about. */
@Timeout(60)
class DataCasesTest {

    @Test
    void data_wait_354() {
        CaseResult careful = run(DataCases.dataWait354(), TestClient.careful());
        CaseResult early = run(DataCases.dataWait354(), TestClient.with(Fault.CONTENT_BEFORE_354));
        CaseResult anyway = run(DataCases.dataWait354(), TestClient.with(Fault.DATA_ANYWAY));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes())
                .extracting(Outcome::label)
                .containsExactly("TRANSIENT(451)", "PERMANENT(554)", "PERMANENT(503)", "DELIVERED");
        assertThat(early.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(early.judgement().reason())
                .contains("the client did not wait for the 354: [session 4: message"
                        + " content sent before the 354 reply to DATA]");
        assertThat(anyway.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(anyway.judgement().reason())
                .startsWith(
                        "the client sent message content after DATA was refused: [S1 \"From: Ann <ann@client.test>\"");
    }

    @Test
    void data_dot_stuffing() {
        CaseResult careful = run(DataCases.dotStuffing(), TestClient.careful());
        CaseResult unstuffed = run(DataCases.dotStuffing(), TestClient.with(Fault.NO_DOT_STUFFING));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(unstuffed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(unstuffed.judgement().reason()).isEqualTo("the content that arrived differs from the message sent");
    }

    @Test
    void data_bare_cr_lf() {
        CaseResult careful = run(DataCases.bareCrLf(), TestClient.careful());
        CaseResult bare = run(DataCases.bareCrLf(), TestClient.with(Fault.KEEP_BARE_LINE_ENDS));
        CaseResult smuggling = run(DataCases.bareCrLf(), TestClient.with(Fault.NO_DOT_STUFFING));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("no bare CR or LF reached the server (DELIVERED, DELIVERED, DELIVERED)");
        assertThat(bare.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(bare.judgement().reason())
                .isEqualTo("the DATA stream had bare line ends: [session 1: message content has a LF without CR,"
                        + " session 2: message content has a CR without LF, session 3: message content has a LF"
                        + " without CR]");
        assertThat(smuggling.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(smuggling.judgement().reason())
                .isEqualTo("a smuggled command reached the server as a command: [MAIL FROM:<evil@evil.test>,"
                        + " MAIL FROM:<evil@evil.test>]");
    }

    @Test
    void data_line_length() {
        CaseResult careful = run(DataCases.lineLength(), TestClient.careful());
        CaseResult longLines = run(DataCases.lineLength(), TestClient.with(Fault.NO_LINE_LENGTH_CHECK));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes()).extracting(Outcome::kind).containsOnly(Outcome.Kind.LOCAL_REJECT);
        assertThat(longLines.verdict()).isEqualTo(Verdict.WARN);
        assertThat(longLines.judgement().reason())
                .isEqualTo("the client sent text lines over 1000 octets instead of encoding or refusing them: [session"
                        + " 1: message content has a line longer than 1000 octets, session 2: message content has a"
                        + " line longer than 1000 octets]");
    }

    @Test
    void data_final_crlf() {
        CaseResult careful = run(DataCases.finalCrlf(), TestClient.careful());
        CaseResult appending = run(DataCases.finalCrlf(), TestClient.with(Fault.ALWAYS_APPEND_CRLF));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(appending.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(appending.judgement().reason())
                .isEqualTo(
                        "the content's end was changed: message 2: line 7: sent \"(nothing)\", received \"\"; message"
                                + " 3: line 8: sent \"(nothing)\", received \"\"");
    }

    @Test
    void data_8bit_without_8bitmime() {
        CaseResult careful = run(DataCases.eightBitWithout8BitMime(), TestClient.careful());
        CaseResult raw = run(DataCases.eightBitWithout8BitMime(), TestClient.with(Fault.RAW_8BIT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("the 8-bit content was refused by the client (LOCAL_REJECT)");
        assertThat(raw.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(raw.judgement().reason())
                .isEqualTo("the client sent 8-bit content to a server that does not offer 8BITMIME");
    }

    @Test
    void data_8bitmime_declared() {
        CaseResult careful = run(DataCases.eightBitMimeDeclared(), TestClient.careful());
        CaseResult raw = run(DataCases.eightBitMimeDeclared(), TestClient.with(Fault.RAW_8BIT));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason())
                .isEqualTo("the 8-bit content was declared with BODY=8BITMIME (DELIVERED)");
        assertThat(raw.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(raw.judgement().reason()).isEqualTo("the client sent 8-bit content without BODY=8BITMIME");
    }

    @Test
    void bdat_only_if_chunking() {
        CaseResult careful = run(DataCases.bdatOnlyIfChunking(), TestClient.careful());
        CaseResult always = run(DataCases.bdatOnlyIfChunking(), TestClient.with(Fault.BDAT_ALWAYS));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason()).isEqualTo("DATA without CHUNKING, BDAT with it, no BODY=BINARYMIME");
        assertThat(always.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(always.judgement().reason())
                .isEqualTo("the client used what was not offered: BDAT without CHUNKING: BDAT 276 LAST; BODY=BINARYMIME"
                        + " without BINARYMIME: MAIL FROM:<ann@client.test> BODY=BINARYMIME");
    }

    @Test
    void bdat_framing() {
        CaseResult careful = run(DataCases.bdatFraming(), TestClient.careful());
        CaseResult stuffed = run(DataCases.bdatFraming(), TestClient.with(Fault.BDAT_STUFFED));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.judgement().reason()).isEqualTo("2 BDAT chunks, sizes exact, no stuffing, one LAST");
        assertThat(stuffed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(stuffed.judgement().reason())
                .isEqualTo("the BDAT framing was wrong: line 5: sent \".first body line starts with a dot\", received"
                        + " \"..first body line starts with a dot\"");
    }

    @Test
    void bdat_failure_stop() {
        CaseResult careful = run(DataCases.bdatFailureStop(), TestClient.careful());
        CaseResult going = run(DataCases.bdatFailureStop(), TestClient.with(Fault.BDAT_AFTER_FAILURE));

        assertThat(careful.verdict()).isEqualTo(Verdict.PASS);
        assertThat(careful.outcomes())
                .extracting(Outcome::label)
                .containsExactly("TRANSIENT(452)", "PERMANENT(552)", "PERMANENT(554)");
        assertThat(going.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(going.judgement().reason())
                .startsWith("the client sent BDAT after a chunk failed: [S1 \"BDAT 1000\",");
    }
}
