package dev.twofifty.junit;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.junit.internal.SmtpTranscripts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** What a failing test shows: transcripts; and the opt-in checks after a passing test. */
class FailureReportingTest {

    @Fixture
    @SmtpTest
    static class FailingTest {
        @Test
        void fails(FakeSmtpServer smtp) {
            MiniClient.send(smtp.host(), smtp.port(), "ann@example.com", "bob@example.org", "hello");
            throw new AssertionError("the mail was not what the test expected");
        }
    }

    @Test
    void a_failing_test_gets_the_transcripts_attached_and_published() {
        EngineExecutionResults results = Kit.run(FailingTest.class);

        Throwable failure = results.testEvents().failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
        assertThat(failure).hasMessage("the mail was not what the test expected");
        assertThat(failure.getSuppressed()).hasSize(1);
        Throwable transcripts = failure.getSuppressed()[0];
        assertThat(transcripts).isInstanceOf(SmtpTranscripts.class);
        assertThat(transcripts.getStackTrace()).isEmpty();
        assertThat(transcripts.getMessage())
                .startsWith("TwoFifty server \"default\" (127.0.0.1:")
                .contains(") saw 1 session and 1 accepted messages:\nSession 1 from 127.0.0.1:")
                .contains("S: 220 localhost ESMTP TwoFifty ready")
                .contains("C: MAIL FROM:<ann@example.com>")
                .contains("S: 250 2.1.5 Recipient <bob@example.org> OK")
                .contains("C: QUIT");

        List<Map<String, String>> entries = results.allEvents().stream()
                .filter(event -> event.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(Event::getPayload)
                .map(payload -> payload.orElseThrow())
                .map(payload -> ((ReportEntry) payload).getKeyValuePairs())
                .toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("twofifty.transcripts.default", transcripts.getMessage());
    }

    @Fixture
    @SmtpTest(failOnViolations = true)
    static class ClientViolatesProtocol {
        @Test
        void bareLineFeed(FakeSmtpServer smtp) {
            MiniClient.greetingThenRaw(smtp.host(), smtp.port(), "HELO bare.example\n");
        }
    }

    @Test
    void fail_on_violations_fails_a_passing_test_and_lists_the_violations() {
        Throwable failure = onlyFailure(Kit.run(ClientViolatesProtocol.class));

        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("The SMTP client violated the protocol:\n"
                        + "  session 1: BARE_LF_IN_COMMAND (RFC 5321 §2.3.8): line ended with a bare LF: \"HELO"
                        + " bare.example\"\n")
                .hasMessageContaining("C: HELO bare.example")
                .hasMessageContaining("S: 500 Bare CR or LF in command line");
    }

    @Fixture
    @SmtpTest(failOnUnfiredRules = true)
    static class RuleNeverFires {
        @Test
        void unfired(FakeSmtpServer smtp) {
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
            MiniClient.send(smtp.host(), smtp.port(), "ann@example.com", "bob@example.org", "hello");
        }
    }

    @Test
    void fail_on_unfired_rules_fails_a_passing_test_with_the_near_miss_report() {
        Throwable failure = onlyFailure(Kit.run(RuleNeverFires.class));

        assertThat(failure)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Rule r1 on RCPT where domain is \"blocked.example\" → reply 550 5.1.1 No"
                        + " such user never fired. Closest steps:\n"
                        + "  RCPT TO:<bob@example.org> (session 1)\n"
                        + "    domain: expected \"blocked.example\" but was <bob@example.org>\n");
    }

    @Fixture
    @SmtpTest(failOnViolations = true, failOnUnfiredRules = true)
    static class CleanTest {
        @Test
        void clean(FakeSmtpServer smtp) {
            MiniClient.send(smtp.host(), smtp.port(), "ann@example.com", "bob@example.org", "hello");
        }
    }

    @Test
    void the_checks_pass_a_clean_test() {
        Kit.run(CleanTest.class)
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    private static Throwable onlyFailure(EngineExecutionResults results) {
        results.testEvents().assertStatistics(stats -> stats.failed(1));
        return results.testEvents().failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .orElseThrow()
                .getThrowable()
                .orElseThrow();
    }
}
