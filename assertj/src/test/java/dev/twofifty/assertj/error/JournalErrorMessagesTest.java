package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Render.envelope;
import static dev.twofifty.assertj.error.Render.expected;
import static dev.twofifty.assertj.error.Render.message;
import static dev.twofifty.assertj.error.Render.render;
import static dev.twofifty.assertj.error.Render.session;
import static dev.twofifty.assertj.error.Render.violation;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.Mismatch;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The failure messages of the server and journal checks, rendered as AssertJ renders them. */
class JournalErrorMessagesTest {

    private static final String SERVER = "FakeSmtpServer[127.0.0.1:2525]";
    private static final Object ACTUAL = new Object() {
        @Override
        public String toString() {
            return SERVER;
        }
    };
    private static final List<ReceivedMessage> MESSAGES = List.of(
            message(1, envelope("ann@example.com", "bob@example.com"), "Subject: Hi\r\n\r\nHi\r\n"),
            message(2, envelope("", "carl@example.com", "dora@example.com"), "\r\nBounce\r\n"));
    private static final SessionRecord SESSION = session(
            4,
            List.of("EHLO client.example", "QUIT"),
            List.of(violation(Violation.Type.BARE_LF_IN_COMMAND, "a command line ended in a bare LF")),
            SessionEnd.QUIT);

    @Nested
    class ShouldHaveReceived_ {

        @Test
        void should_render_the_count_and_the_messages() {
            then(render(ShouldHaveReceived.shouldHaveReceived(ACTUAL, 3, 2, MESSAGES)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have received 3 messages but had received 2 messages:
                              [0] message 1 from <ann@example.com> to <bob@example.com>, subject "Hi"
                              [1] message 2 from <> to <carl@example.com>, <dora@example.com>, no subject"""));
        }

        @Test
        void should_render_at_least_and_nothing() {
            then(render(ShouldHaveReceived.shouldHaveReceivedAtLeast(ACTUAL, 1, 0, List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have received at least 1 message but had received none"""));
            then(render(ShouldHaveReceived.shouldHaveReceivedNothing(ACTUAL, 5, List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have received no messages but had received 5 messages"""));
        }
    }

    @Nested
    class ShouldHaveReceivedMessage_ {

        @Test
        void should_render_each_message_sender() {
            then(render(ShouldHaveReceivedMessage.shouldHaveReceivedMessageFrom(ACTUAL, "eve@example.com", MESSAGES)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have received a message from:
                              "eve@example.com"
                            but the messages came from:
                              [0] message 1: <ann@example.com>
                              [1] message 2: <>"""));
        }

        @Test
        void should_render_each_message_subject() {
            then(render(ShouldHaveReceivedMessage.shouldHaveReceivedMessageWithSubject(ACTUAL, "Hello", MESSAGES)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have received a message with subject:
                              "Hello"
                            but the messages had the subjects:
                              [0] message 1: "Hi"
                              [1] message 2: no subject"""));
        }

        @Test
        void should_render_an_empty_journal() {
            then(render(ShouldHaveReceivedMessage.shouldHaveReceivedMessageTo(ACTUAL, "bob@example.com", List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have received a message to:
                              "bob@example.com"
                            but it had received no messages"""));
        }
    }

    @Nested
    class ShouldHaveMessageAt_ {

        @Test
        void should_render_the_messages_held() {
            then(render(ShouldHaveMessageAt.shouldHaveMessageAt(ACTUAL, 5, MESSAGES.subList(0, 1))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have a message at index 5 but it held 1 message:
                              [0] message 1 from <ann@example.com> to <bob@example.com>, subject "Hi\""""));
        }
    }

    @Nested
    class ShouldHaveSessions_ {

        @Test
        void should_render_the_sessions() {
            then(render(ShouldHaveSessions.shouldHaveSessions(ACTUAL, 1, List.of(SESSION, SESSION))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have 1 session but it had 2 sessions:
                              [0] session 4 from 127.0.0.1:40000: [EHLO, QUIT], ended by QUIT
                              [1] session 4 from 127.0.0.1:40000: [EHLO, QUIT], ended by QUIT"""));
        }

        @Test
        void should_render_an_open_session_at_an_index() {
            SessionRecord open = session(1, List.of("EHLO client.example"), List.of(), null);
            then(render(ShouldHaveSessions.shouldHaveSessionAt(ACTUAL, 3, List.of(open))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have a session at index 3 but it had 1 session:
                              [0] session 1 from 127.0.0.1:40000: [EHLO], still open"""));
        }
    }

    @Nested
    class ShouldHaveNoViolations_ {

        @Test
        void should_render_the_violations_per_session() {
            then(render(ShouldHaveNoViolations.shouldHaveNoViolations(ACTUAL, List.of(SESSION))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have no client protocol violations but had:
                              session 4 from 127.0.0.1:40000:
                                BARE_LF_IN_COMMAND (RFC 5321 §2.3.8): a command line ended in a bare LF"""));
        }

        @Test
        void should_render_the_violations_of_one_session() {
            then(render(ShouldHaveNoViolations.shouldHaveNoViolations(SESSION))).isEqualTo(expected("""

                    Expecting actual:
                      session 4 from 127.0.0.1:40000
                    to have no client protocol violations but had:
                      BARE_LF_IN_COMMAND (RFC 5321 §2.3.8): a command line ended in a bare LF"""));
        }
    }

    @Nested
    class ShouldHaveRetriedAfterTransientFailure_ {

        @Test
        void should_render_the_reason_and_the_sessions() {
            then(render(ShouldHaveRetriedAfterTransientFailure.shouldHaveRetriedAfterTransientFailure(
                            ACTUAL,
                            "the client never got a 4xx reply",
                            List.of("session 1: greeting 220, QUIT 221; no transactions"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to show a transaction accepted after a transient (4xx) failure but the client never got a 4xx reply:
                              session 1: greeting 220, QUIT 221; no transactions"""));
        }
    }

    @Nested
    class ShouldPassWithin_ {

        @Test
        void should_render_the_check_the_timeout_and_the_last_failure() {
            then(render(ShouldPassWithin.shouldPassWithin(
                            ACTUAL, "hasReceived(2)", Duration.ofMillis(1500), "\nlast failure text")))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to pass hasReceived(2) within 1.5 s but it still failed when the time was up; last failure:
                            last failure text"""));
        }
    }

    @Nested
    class ShouldHaveAllRulesFired_ {

        @Test
        void should_render_each_unfired_rule_with_its_closest_steps() {
            // GIVEN
            Rule rule = onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user");
            NearMiss miss = new NearMiss(
                    "r1",
                    rule.describe(),
                    1,
                    "RCPT TO:<bob@example.org> (session 1)",
                    List.of(new Mismatch("domain", "\"blocked.example\"", "<bob@example.org>")),
                    0.5);
            // THEN
            then(render(ShouldHaveAllRulesFired.shouldHaveAllRulesFired(
                            ACTUAL, List.of(activeRule("r1", rule, List.of(miss)), activeRule("r2", rule, List.of())))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have fired every rule but 2 rules never fired:
                              Rule r1 on RCPT where domain is "blocked.example" → reply 550 5.1.1 No such user never fired. Closest steps:
                                RCPT TO:<bob@example.org> (session 1)
                                  domain: expected "blocked.example" but was <bob@example.org>
                              Rule r2 on RCPT where domain is "blocked.example" → reply 550 5.1.1 No such user never fired. No RCPT step took place."""));
        }

        private ActiveRule activeRule(String id, Rule rule, List<NearMiss> nearMisses) {
            return new ActiveRule() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public Rule rule() {
                    return rule;
                }

                @Override
                public int timesFired() {
                    return 0;
                }

                @Override
                public List<NearMiss> nearMisses() {
                    return nearMisses;
                }
            };
        }
    }

    @Nested
    class ShouldHaveNoUnmatchedSteps_ {

        @Test
        void should_render_each_near_miss() {
            NearMiss miss = new NearMiss(
                    "r2",
                    "on MAIL where sender is \"ann@example.com\" → reply 451 Busy",
                    3,
                    "MAIL FROM:<bob@example.com> (session 3)",
                    List.of(new Mismatch("sender", "\"ann@example.com\"", "<bob@example.com>")),
                    0.5);
            then(render(ShouldHaveNoUnmatchedSteps.shouldHaveNoUnmatchedSteps(ACTUAL, List.of(miss, miss))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              FakeSmtpServer[127.0.0.1:2525]
                            to have no steps that missed every rule written for them but had 2 near misses:
                              rule r2 on MAIL where sender is "ann@example.com" → reply 451 Busy
                                at MAIL FROM:<bob@example.com> (session 3)
                                  sender: expected "ann@example.com" but was <bob@example.com>
                              rule r2 on MAIL where sender is "ann@example.com" → reply 451 Busy
                                at MAIL FROM:<bob@example.com> (session 3)
                                  sender: expected "ann@example.com" but was <bob@example.com>"""));
        }
    }
}
