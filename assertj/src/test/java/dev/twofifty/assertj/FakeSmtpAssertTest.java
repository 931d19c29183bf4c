package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.FakeSmtpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeSmtpAssert} against a real server on 127.0.0.1, fed by a raw-socket client. */
@Timeout(10)
class FakeSmtpAssertTest {

    private static final String HELLO = "Subject: Hello\r\n\r\nHi Bob\r\n";

    private FakeSmtpServer smtp;

    @BeforeEach
    void start() {
        smtp = FakeSmtpServer.start();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    private String actual() {
        return "FakeSmtpServer[127.0.0.1:" + smtp.port() + "]";
    }

    private String send(String to) {
        return SmtpClient.send(smtp.port(), "ann@example.com", List.of(to), HELLO);
    }

    @Nested
    class HasReceived {

        @Test
        void should_pass_with_the_messages_accepted() {
            // GIVEN
            send("bob@example.com");
            send("carl@example.com");
            // THEN
            assertThat(smtp).hasReceived(2).hasReceivedMessageTo("carl@example.com");
        }

        @Test
        void should_fail_with_the_messages_received() {
            // GIVEN
            send("bob@example.com");
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(smtp).hasReceived(2));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received 2 messages but had received 1 message:
                      [0] message 1 from <ann@example.com> to <bob@example.com>, subject "Hello\"""".formatted(actual())));
        }

        @Test
        void should_count_from_the_last_reset() {
            // GIVEN
            send("bob@example.com");
            smtp.reset();
            // THEN
            assertThat(smtp).hasReceivedNothing();
        }
    }

    @Nested
    class MessageTo {

        @Test
        void should_navigate_to_the_message_and_its_session() {
            // GIVEN
            send("bob@example.com");
            smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
            // THEN
            assertThat(smtp)
                    .messageTo("BOB@example.com".toLowerCase())
                    .hasSubject("Hello")
                    .hasTextBody("Hi Bob");
            assertThat(smtp)
                    .lastSession()
                    .hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT")
                    .didNotPipeline()
                    .sentQuitAndWaitedForReply()
                    .hasNoViolations()
                    .gotReply("DATA", 354)
                    .transcript()
                    .containsServerLine("250 2.0.0 OK: queued as 1");
        }
    }

    @Nested
    class ClientRetriedAfterTransientFailure {

        @Test
        void should_pass_when_the_second_attempt_was_accepted() {
            // GIVEN
            smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(1));
            // WHEN
            String first = send("bob@example.com");
            String second = send("bob@example.com");
            // THEN
            then(List.of(first, second)).containsExactly("451 4.3.0 Try again later", "250 2.0.0 OK: queued as 1");
            assertThat(smtp).clientRetriedAfterTransientFailure().hasReceived(1);
        }

        @Test
        void should_fail_with_a_summary_of_each_session() {
            // GIVEN
            smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later"));
            send("bob@example.com");
            smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(smtp).clientRetriedAfterTransientFailure());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to show a transaction accepted after a transient (4xx) failure but no transaction was accepted after the first 4xx reply:
                      session 1: greeting 220, EHLO 250, MAIL 250, RCPT 250, DATA 354, end of data 451, QUIT 221; transactions: 1 REJECTED""".formatted(actual())));
        }
    }

    @Nested
    class HasAllRulesFired {

        @Test
        void should_pass_when_every_rule_fired() {
            // GIVEN
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
            // WHEN
            try (SmtpClient client = SmtpClient.connect(smtp.port())) {
                client.command("EHLO client.example");
                client.command("MAIL FROM:<ann@example.com>");
                then(client.command("RCPT TO:<bob@blocked.example>")).isEqualTo("550 5.1.1 No such user");
            }
            // THEN
            assertThat(smtp).hasAllRulesFired();
        }

        @Test
        void should_fail_with_the_near_misses_of_each_unfired_rule() {
            // GIVEN
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
            send("bob@example.org");
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(smtp).hasAllRulesFired());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have fired every rule but 1 rule never fired:
                      Rule r1 on RCPT where domain is "blocked.example" → reply 550 5.1.1 No such user never fired. Closest steps:
                        RCPT TO:<bob@example.org> (session 1)
                          domain: expected "blocked.example" but was <bob@example.org>""".formatted(actual())));
        }
    }

    @Nested
    class HasNoUnmatchedSteps {

        @Test
        void should_pass_without_rules() {
            // GIVEN
            send("bob@example.com");
            // THEN
            assertThat(smtp).hasNoUnmatchedSteps();
        }

        @Test
        void should_fail_with_each_step_that_missed_every_rule() {
            // GIVEN
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
            send("bob@example.org");
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(smtp).hasNoUnmatchedSteps());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have no steps that missed every rule written for them but had 1 near miss:
                      rule r1 on RCPT where domain is "blocked.example" → reply 550 5.1.1 No such user
                        at RCPT TO:<bob@example.org> (session 1)
                          domain: expected "blocked.example" but was <bob@example.org>""".formatted(actual())));
        }
    }
}
