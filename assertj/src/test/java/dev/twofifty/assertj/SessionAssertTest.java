package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The command, reply, pipelining, violation and ending checks of {@link SessionAssert}. */
class SessionAssertTest {

    private static final String ACTUAL = "session 1 from 127.0.0.1:40000";

    @Nested
    class HasCommands {

        @Test
        void should_pass_with_the_verbs_in_order_in_any_case() {
            assertThat(Sessions.PIPELINED).hasCommands("ehlo", "AUTH", "MAIL", "RCPT", "DATA");
        }

        @Test
        void should_fail_with_the_commands_sent() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(Sessions.PIPELINED).hasCommands("EHLO", "MAIL", "RCPT", "DATA", "QUIT"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent exactly the commands:
                      [EHLO, MAIL, RCPT, DATA, QUIT]
                    but sent:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }
    }

    @Nested
    class ContainsCommandsInOrder {

        @Test
        void should_pass_with_other_commands_between() {
            assertThat(Sessions.SECURE).containsCommandsInOrder("STARTTLS", "AUTH", "QUIT");
        }

        @Test
        void should_fail_when_the_order_differs() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.SECURE).containsCommandsInOrder("AUTH", "STARTTLS"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent the commands in this order:
                      [AUTH, STARTTLS]
                    but sent:
                      %s""".formatted(ACTUAL, Sessions.SECURE_COMMANDS)));
        }
    }

    @Nested
    class SentCommand {

        @Test
        void should_pass_when_the_verb_was_sent() {
            assertThat(Sessions.SECURE).sentCommand("starttls");
        }

        @Test
        void should_fail_with_the_commands_sent() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).sentCommand("QUIT"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent the command:
                      QUIT
                    but sent:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }
    }

    @Nested
    class DidNotSendCommand {

        @Test
        void should_pass_when_the_verb_was_not_sent() {
            assertThat(Sessions.SECURE).didNotSendCommand("VRFY");
        }

        @Test
        void should_fail_with_the_lines_sent() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.SECURE).didNotSendCommand("rcpt"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    not to have sent the command:
                      RCPT
                    but sent:
                      ["RCPT TO:<bob@example.com>", "RCPT TO:<nobody@example.com>"]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class GotReply {

        @Test
        void should_pass_when_one_of_the_commands_got_the_code() {
            assertThat(Sessions.SECURE)
                    .gotReply("RCPT", 550)
                    .gotReply("RCPT", 250)
                    .gotReply("EHLO", 250);
        }

        @Test
        void should_pass_for_a_pipelined_command() {
            assertThat(Sessions.PIPELINED).gotReply("DATA", 354);
        }

        @Test
        void should_fail_with_each_command_and_its_reply() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.SECURE).gotReply("RCPT", 452));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have got a 452 reply to a RCPT command but got:
                      RCPT TO:<bob@example.com> -> 250 2.1.5 Recipient <bob@example.com> OK
                      RCPT TO:<nobody@example.com> -> 550 5.1.1 No such user""".formatted(ACTUAL)));
        }

        @Test
        void should_fail_when_the_command_was_not_sent() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).gotReply("QUIT", 221));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have got a 221 reply to a QUIT command but it sent no QUIT command; its commands were:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }

        @Test
        void should_show_multi_line_replies_by_their_first_line() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.SECURE).gotReply("EHLO", 500));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have got a 500 reply to a EHLO command but got:
                      EHLO client.example -> 250-localhost Hello client.example (+2 lines)
                      EHLO client.example -> 250-localhost Hello client.example (+1 lines)""".formatted(ACTUAL)));
        }
    }

    @Nested
    class Pipelined {

        @Test
        void should_pass_when_two_lines_arrived_in_one_read() {
            assertThat(Sessions.PIPELINED).pipelined();
        }

        @Test
        void should_fail_with_the_batch_of_each_line() {
            // GIVEN
            SessionRecord lockStep = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("QUIT", "221 2.0.0 localhost Bye")
                    .build();
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(lockStep).pipelined());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have pipelined (sent a command before the reply to the one before) but each line arrived in a batch of its own:
                      [batch 1] EHLO client.example
                      [batch 2] QUIT""".formatted(ACTUAL)));
        }
    }

    @Nested
    class DidNotPipeline {

        @Test
        void should_pass_when_every_line_arrived_alone() {
            assertThat(Sessions.SECURE).didNotPipeline();
        }

        @Test
        void should_fail_with_the_lines_sent_together() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).didNotPipeline());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    not to have pipelined but it sent these lines together, each before the reply to the one before:
                      [batch 5] MAIL FROM:<ann@example.com>, RCPT TO:<bob@example.com>, DATA""".formatted(ACTUAL)));
        }
    }

    @Nested
    class HasNoViolations {

        @Test
        void should_pass_for_a_clean_session() {
            assertThat(Sessions.SECURE).hasNoViolations();
        }

        @Test
        void should_fail_with_the_violations() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).hasNoViolations());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have no client protocol violations but had:
                      BARE_LF_IN_DATA (RFC 5321 §2.3.8): message content held a bare LF
                      CLOSED_WITHOUT_QUIT (RFC 5321 §4.1.1.10): the client closed the connection without QUIT""".formatted(ACTUAL)));
        }
    }

    @Nested
    class HasViolation {

        @Test
        void should_pass_with_a_recorded_violation() {
            assertThat(Sessions.PIPELINED).hasViolation(Violation.Type.CLOSED_WITHOUT_QUIT);
        }

        @Test
        void should_fail_with_the_violations_there_are() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.SECURE).hasViolation(Violation.Type.EARLY_TALKER));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a violation of type:
                      EARLY_TALKER
                    but it had no violations""".formatted(ACTUAL)));
        }
    }

    @Nested
    class HasNoBareLineEndings {

        @Test
        void should_pass_when_other_violations_only() {
            // GIVEN
            SessionRecord rude = Transcripts.session()
                    .violation(Violation.Type.CLOSED_WITHOUT_QUIT, "the client closed the connection without QUIT")
                    .build();
            // THEN
            assertThat(rude).hasNoBareLineEndings();
        }

        @Test
        void should_fail_with_the_bare_line_endings_only() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).hasNoBareLineEndings());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent only CRLF line endings but had:
                      BARE_LF_IN_DATA (RFC 5321 §2.3.8): message content held a bare LF""".formatted(ACTUAL)));
        }
    }

    @Nested
    class EndedBy {

        @Test
        void should_pass_with_how_the_session_ended() {
            assertThat(Sessions.PIPELINED).endedBy(SessionEnd.CLIENT_CLOSE);
        }

        @Test
        void should_fail_with_how_it_ended() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).endedBy(SessionEnd.QUIT));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have ended by:
                      QUIT
                    but ended by:
                      CLIENT_CLOSE""".formatted(ACTUAL)));
        }

        @Test
        void should_fail_while_open() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(Transcripts.session().build()).endedBy(SessionEnd.QUIT));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have ended by:
                      QUIT
                    but it is still open""".formatted(ACTUAL)));
        }
    }

    @Nested
    class Transcript {

        @Test
        void should_navigate_to_the_transcript() {
            assertThat(Sessions.SECURE).transcript().containsClientLine("AUTH PLAIN ****");
        }
    }
}
