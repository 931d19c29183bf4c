package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.CaseRuns.assertResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The oracles of §2.14, each proven on a careful client (PASS, or INFO where only recorded) and a faulty one. */
@Timeout(60)
class ReplyCasesTest {

    @Test
    void bare_code_passes_a_client_that_carries_on_and_fails_one_that_needs_a_space_after_the_code() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.bareCode(), Flaw.STRICT_REPLY_SYNTAX);

        assertResult(runs.careful(), Verdict.PASS, "the client carried on after every bare code");
        assertThat(runs.careful().transcript()).anyMatch(line -> line.endsWith("S: 250"));
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client failed on the EHLO reply whose last line is a bare \"250\" (TRANSIENT(conn-loss))");
    }

    @Test
    void multiline_any_passes_whole_replies_and_fails_one_line_per_reply() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.multilineAny(), Flaw.FIRST_LINE_ONLY);

        assertResult(runs.careful(), Verdict.PASS, "the client read every multi-line reply to its last line");
        assertThat(runs.faulty().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(runs.faulty().judgement().reason())
                .startsWith("the client sent commands before the server had replied: it took lines of a multi-line"
                        + " reply for the next reply");
    }

    @Test
    void unknown_code_passes_the_first_digit_and_fails_exact_code_checks() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.unknownCode(), Flaw.EXACT_CODES);

        assertResult(
                runs.careful(), Verdict.PASS, "the client acted on the first digit of 252, 259, 359, 299, 459 and 559");
        assertThat(runs.careful().outcomes())
                .extracting(Outcome::label)
                .containsExactly(
                        "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED", "TRANSIENT(459)", "PERMANENT(559)");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client did not act on the first digit of unlisted codes: MAIL 252 (message 1): PERMANENT(252)"
                        + " instead of DELIVERED; RCPT 259 (message 2): PERMANENT(259) instead of DELIVERED; DATA 359"
                        + " (message 3): TRANSIENT(conn-loss) instead of DELIVERED; end of data 299 (message 4):"
                        + " PERMANENT(299) instead of DELIVERED");
    }

    @Test
    void text_ignored_passes_decisions_by_code_and_fails_decisions_by_text() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.textIgnored(), Flaw.TEXT_DECIDES);

        assertResult(runs.careful(), Verdict.PASS, "the client reported exactly bob@mx.test as refused");
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client reported a failure with the success code 250: it read the text, not the code");
    }

    @Test
    void malformed_passes_clean_failures_and_warns_about_success_after_a_malformed_reply() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.malformed(), Flaw.TRUSTS_MALFORMED);

        assertThat(runs.careful().verdict()).isEqualTo(Verdict.PASS);
        assertThat(runs.careful().judgement().reason())
                .startsWith("the client failed every message with a malformed reply: outcome: TRANSIENT(conn-loss)");
        assertThat(runs.careful().outcomes()).hasSize(5).allMatch(outcome -> outcome.kind() == Outcome.Kind.TRANSIENT);
        assertResult(
                runs.faulty(),
                Verdict.WARN,
                "the client reported success after a malformed reply: [message 1 (600 nope), message 2 (25O queued),"
                        + " message 3 (abc), message 4 (250 2.0.0 queu), message 5 (199 hi)]");
    }

    @Test
    void fragmented_long_passes_a_byte_stream_reader_and_fails_one_read_per_reply() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.fragmentedLong(), Flaw.ONE_READ_PER_REPLY);

        assertResult(runs.careful(), Verdict.PASS, "the client read replies that arrived byte by byte");
        assertThat(runs.careful().outcomes()).extracting(Outcome::label).containsExactly("DELIVERED");
        assertThat(ReplyCases.longReply()).hasSizeGreaterThanOrEqualTo(20_000);
        assertResult(
                runs.faulty(),
                Verdict.FAIL,
                "the client did not get through replies that arrived byte by byte (TRANSIENT(conn-loss))");
    }

    @Test
    void bare_lf_is_recorded_either_way() {
        CaseRuns.Pair runs = CaseRuns.run(ReplyCases.bareLf(), Flaw.STRICT_CRLF);

        assertResult(runs.careful(), Verdict.INFO, "the client accepted replies ended by a bare LF");
        assertResult(
                runs.faulty(),
                Verdict.INFO,
                "the client did not accept replies ended by a bare LF: it reported TRANSIENT(conn-loss)");
    }
}
