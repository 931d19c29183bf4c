package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The STARTTLS, TLS, AUTH and QUIT checks of {@link SessionAssert}. */
class SessionAssertSecurityTest {

    private static final String ACTUAL = "session 1 from 127.0.0.1:40000";

    @Nested
    class UsedStartTls {

        @Test
        void should_pass_after_a_successful_upgrade() {
            assertThat(Sessions.SECURE).usedStartTls();
        }

        @Test
        void should_fail_without_starttls() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).usedStartTls());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have used STARTTLS but it sent no STARTTLS command; its commands were:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }

        @Test
        void should_fail_when_starttls_was_refused() {
            // GIVEN
            SessionRecord refused = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("STARTTLS", "454 4.7.0 TLS not available")
                    .build();
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(refused).usedStartTls());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have used STARTTLS but STARTTLS was refused: [454 4.7.0 TLS not available]; its commands were:
                      [EHLO, STARTTLS]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class UsedStartTlsBeforeAuth {

        @Test
        void should_pass_when_auth_follows_the_upgrade() {
            assertThat(Sessions.SECURE).usedStartTlsBeforeAuth();
        }

        @Test
        void should_fail_when_auth_was_sent_in_plain_text() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).usedStartTlsBeforeAuth());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have used STARTTLS before AUTH but it sent AUTH without a successful STARTTLS; its commands were:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }

        @Test
        void should_fail_when_auth_came_before_starttls() {
            // GIVEN
            SessionRecord early = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("AUTH PLAIN ****", "235 2.7.0 Authentication successful")
                    .exchange("STARTTLS", "220 2.0.0 Ready to start TLS")
                    .build();
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(early).usedStartTlsBeforeAuth());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have used STARTTLS before AUTH but it sent AUTH before STARTTLS; its commands were:
                      [EHLO, AUTH, STARTTLS]""".formatted(ACTUAL)));
        }

        @Test
        void should_fail_without_auth() {
            // GIVEN
            SessionRecord anonymous = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("STARTTLS", "220 2.0.0 Ready to start TLS")
                    .build();
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(anonymous).usedStartTlsBeforeAuth());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have used STARTTLS before AUTH but it sent no AUTH command; its commands were:
                      [EHLO, STARTTLS]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ResentEhloAfterTls {

        @Test
        void should_pass_when_ehlo_follows_the_220() {
            assertThat(Sessions.SECURE).resentEhloAfterTls();
        }

        @Test
        void should_fail_when_the_client_went_on_with_mail() {
            // GIVEN
            SessionRecord lazy = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("STARTTLS", "220 2.0.0 Ready to start TLS")
                    .exchange("MAIL FROM:<ann@example.com>", "503 5.5.1 Send EHLO or HELO first")
                    .build();
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(lazy).resentEhloAfterTls());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent EHLO again after STARTTLS but it sent no EHLO after the reply to STARTTLS; its commands were:
                      [EHLO, STARTTLS, MAIL]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class UsedTls {

        @Test
        void should_pass_when_tls_was_negotiated() {
            assertThat(Sessions.SECURE).usedTls();
        }

        @Test
        void should_fail_in_plain_text() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).usedTls());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have used TLS but no TLS was negotiated; its commands were:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }
    }

    @Nested
    class IsAuthenticatedAs {

        @Test
        void should_pass_with_the_user() {
            assertThat(Sessions.SECURE).isAuthenticatedAs("ann");
        }

        @Test
        void should_fail_with_the_other_user() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.SECURE).isAuthenticatedAs("bob"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to be authenticated as:
                      "bob"
                    but was authenticated as:
                      "ann\"""".formatted(ACTUAL)));
        }

        @Test
        void should_fail_with_the_auth_exchanges_when_authentication_failed() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).isAuthenticatedAs("ann"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to be authenticated as:
                      "ann"
                    but it did not authenticate:
                      AUTH LOGIN -> 334 VXNlcm5hbWU6
                      **** -> 334 UGFzc3dvcmQ6
                      **** -> 535 5.7.8 Authentication credentials invalid""".formatted(ACTUAL)));
        }
    }

    @Nested
    class SentQuit {

        @Test
        void should_pass_when_quit_was_sent() {
            assertThat(Sessions.SECURE).sentQuit();
        }

        @Test
        void should_fail_with_how_the_session_ended() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(Sessions.PIPELINED).sentQuit());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent QUIT but it did not (ended by CLIENT_CLOSE); its commands were:
                      %s""".formatted(ACTUAL, Sessions.PIPELINED_COMMANDS)));
        }
    }

    @Nested
    class SentQuitAndWaitedForReply {

        @Test
        void should_pass_when_the_session_ended_by_quit() {
            assertThat(Sessions.SECURE).sentQuitAndWaitedForReply();
        }

        @Test
        void should_fail_when_the_client_closed_before_the_reply() {
            // GIVEN
            SessionRecord hasty = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .client("QUIT")
                    .event("connection closed (CLIENT_CLOSE)")
                    .endedBy(SessionEnd.CLIENT_CLOSE)
                    .build();
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(hasty).sentQuitAndWaitedForReply());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent QUIT and waited for the reply but the session ended by CLIENT_CLOSE; its commands were:
                      [EHLO, QUIT]""".formatted(ACTUAL)));
        }

        @Test
        void should_fail_while_the_session_is_open() {
            // GIVEN
            SessionRecord open = Transcripts.session().client("QUIT").build();
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(open).sentQuitAndWaitedForReply());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have sent QUIT and waited for the reply but the session is still open; its commands were:
                      [QUIT]""".formatted(ACTUAL)));
        }
    }
}
