package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Render.expected;
import static dev.twofifty.assertj.error.Render.render;
import static dev.twofifty.assertj.error.Render.session;
import static dev.twofifty.assertj.error.Render.violation;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.TranscriptEntry.Kind;
import dev.twofifty.journal.TranscriptEntry.Party;
import dev.twofifty.journal.Violation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The failure messages of the session and transcript checks, rendered as AssertJ renders them. */
class SessionErrorMessagesTest {

    private static final SessionRecord SESSION = session(
            2,
            List.of("EHLO client.example", "MAIL FROM:<ann@example.com>"),
            List.of(violation(Violation.Type.BARE_CR_IN_DATA, "message content held a bare CR")),
            SessionEnd.CLIENT_CLOSE);
    private static final String ACTUAL = "session 2 from 127.0.0.1:40000";
    private static final List<TranscriptEntry> TRANSCRIPT = List.of(
            new TranscriptEntry(Party.SERVER, Kind.LINE, "220 ready", Duration.ofMillis(3), 1),
            new TranscriptEntry(Party.CLIENT, Kind.LINE, "QUIT", Duration.ofMillis(1250), 1),
            new TranscriptEntry(Party.SERVER, Kind.EVENT, "connection closed (QUIT)", Duration.ofMillis(1251), 0));

    @Nested
    class ShouldHaveCommands_ {

        @Test
        void should_render_the_expected_and_the_sent_commands() {
            then(render(ShouldHaveCommands.shouldHaveCommands(SESSION, List.of("EHLO"))))
                    .isEqualTo(expected("""

                    Expecting actual:
                      %s
                    to have sent exactly the commands:
                      [EHLO]
                    but sent:
                      [EHLO, MAIL]""".formatted(ACTUAL)));
            then(render(ShouldHaveCommands.shouldContainCommandsInOrder(SESSION, List.of("MAIL", "EHLO"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have sent the commands in this order:
                              [MAIL, EHLO]
                            but sent:
                              [EHLO, MAIL]""".formatted(ACTUAL)));
        }

        @Test
        void should_render_a_verb_sent_or_not() {
            then(render(ShouldHaveCommands.shouldHaveSentCommand(SESSION, "QUIT")))
                    .isEqualTo(expected("""

                    Expecting actual:
                      %s
                    to have sent the command:
                      QUIT
                    but sent:
                      [EHLO, MAIL]""".formatted(ACTUAL)));
            then(render(ShouldHaveCommands.shouldNotHaveSentCommand(SESSION, "MAIL", List.of("MAIL FROM:<a@x>"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            not to have sent the command:
                              MAIL
                            but sent:
                              ["MAIL FROM:<a@x>"]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveGotReply_ {

        @Test
        void should_render_each_command_with_its_reply() {
            then(render(ShouldHaveGotReply.shouldHaveGotReply(
                            SESSION, "MAIL", 250, List.of("MAIL FROM:<ann@example.com> -> no reply"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have got a 250 reply to a MAIL command but got:
                              MAIL FROM:<ann@example.com> -> no reply""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveBehaved_ {

        @Test
        void should_render_the_expectation_the_reason_and_the_commands() {
            then(render(ShouldHaveBehaved.shouldHaveUsedStartTls(SESSION, "it sent no STARTTLS command")))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have used STARTTLS but it sent no STARTTLS command; its commands were:
                              [EHLO, MAIL]""".formatted(ACTUAL)));
            then(render(ShouldHaveBehaved.shouldHaveSentQuit(session(1, List.of(), List.of(), null))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              session 1 from 127.0.0.1:40000
                            to have sent QUIT but it did not; its commands were:
                              []"""));
        }
    }

    @Nested
    class ShouldHavePipelined_ {

        @Test
        void should_render_the_lines_with_their_batches() {
            then(render(ShouldHavePipelined.shouldNotHavePipelined(SESSION, List.of("[batch 1] EHLO x, MAIL y"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            not to have pipelined but it sent these lines together, each before the reply to the one before:
                              [batch 1] EHLO x, MAIL y""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldBeAuthenticatedAs_ {

        @Test
        void should_render_a_session_without_auth() {
            then(render(ShouldBeAuthenticatedAs.shouldBeAuthenticatedAs(SESSION, "ann", List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to be authenticated as:
                              "ann"
                            but it sent no AUTH command""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveEnded_ {

        @Test
        void should_render_how_the_session_ended() {
            then(render(ShouldHaveEnded.shouldHaveEndedBy(SESSION, SessionEnd.TIMEOUT)))
                    .isEqualTo(expected("""

                    Expecting actual:
                      %s
                    to have ended by:
                      TIMEOUT
                    but ended by:
                      CLIENT_CLOSE""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveViolation_ {

        @Test
        void should_render_the_violations_there_are() {
            then(render(ShouldHaveViolation.shouldHaveViolation(SESSION, Violation.Type.EARLY_TALKER)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have a violation of type:
                              EARLY_TALKER
                            but it had:
                              BARE_CR_IN_DATA (RFC 5321 §2.3.8): message content held a bare CR""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveNoBareLineEndings_ {

        @Test
        void should_render_the_bare_line_endings() {
            then(render(ShouldHaveNoBareLineEndings.shouldHaveNoBareLineEndings(SESSION, SESSION.violations())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have sent only CRLF line endings but had:
                              BARE_CR_IN_DATA (RFC 5321 §2.3.8): message content held a bare CR""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldContainTranscriptLine_ {

        @Test
        void should_render_the_whole_transcript() {
            then(render(ShouldContainTranscriptLine.shouldContainClientLinesInOrder(
                            TRANSCRIPT, List.of("EHLO x", "QUIT"), "EHLO x")))
                    .isEqualTo(expected(String.join(
                            "\n",
                            "",
                            "Expecting actual:",
                            "       3 ms S: 220 ready",
                            "    1250 ms C: QUIT",
                            "    1251 ms -- connection closed (QUIT)",
                            "to contain the client lines in this order:",
                            "  [\"EHLO x\", \"QUIT\"]",
                            "but could not find:",
                            "  \"EHLO x\"",
                            "after the ones before it")));
        }

        @Test
        void should_render_the_line_looked_for() {
            then(render(ShouldContainTranscriptLine.shouldContainServerLineMatching(TRANSCRIPT, "221 .*")))
                    .isEqualTo(expected(String.join(
                            "\n",
                            "",
                            "Expecting actual:",
                            "       3 ms S: 220 ready",
                            "    1250 ms C: QUIT",
                            "    1251 ms -- connection closed (QUIT)",
                            "to contain a server line matching:",
                            "  \"221 .*\"")));
        }
    }
}
