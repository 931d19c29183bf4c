package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.protocol.SmtpReply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code clientRetriedAfterTransientFailure()} of {@link AbstractJournalAssert}, on hand-made sessions. */
class JournalAssertRetryTest {

    private static Transcripts upToData(long id) {
        return Transcripts.session()
                .id(id)
                .exchange("EHLO client.example", "250 localhost Hello client.example")
                .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
                .exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Recipient <bob@example.com> OK")
                .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                .content("[message content: 100 octets]");
    }

    private static final SessionRecord DEFERRED = upToData(1)
            .server("451 4.3.0 Try again later")
            .exchange("QUIT", "221 2.0.0 localhost Bye")
            .transaction(1, Outcome.REJECTED, SmtpReply.of(451, "4.3.0", "Try again later"))
            .build();

    private static final SessionRecord ACCEPTED = upToData(2)
            .server("250 2.0.0 OK: queued as 1")
            .exchange("QUIT", "221 2.0.0 localhost Bye")
            .transaction(1, Outcome.ACCEPTED, SmtpReply.of(250, "2.0.0", "OK: queued as 1"))
            .build();

    @Nested
    class ClientRetriedAfterTransientFailure {

        @Test
        void should_pass_when_a_later_session_delivered_after_a_451_at_end_of_data() {
            assertThat(StubJournal.of(DEFERRED, ACCEPTED)).clientRetriedAfterTransientFailure();
        }

        @Test
        void should_pass_when_a_later_transaction_of_the_same_session_was_accepted_after_a_451_to_rcpt() {
            // GIVEN
            SessionRecord session = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
                    .exchange("RCPT TO:<bob@example.com>", "451 4.2.0 Mailbox busy")
                    .exchange("RSET", "250 2.0.0 OK")
                    .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
                    .exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Recipient <bob@example.com> OK")
                    .exchange("BDAT 100 LAST", "250 2.0.0 OK: queued as 1")
                    .build();
            // THEN
            assertThat(StubJournal.of(session)).clientRetriedAfterTransientFailure();
        }

        @Test
        void should_pass_when_the_client_reconnected_after_a_421_greeting() {
            // GIVEN
            SessionRecord refused =
                    Transcripts.empty().server("421 4.3.2 Too many connections").build();
            // THEN
            assertThat(StubJournal.of(refused, ACCEPTED)).clientRetriedAfterTransientFailure();
        }

        @Test
        void should_pass_on_the_transaction_records_alone() {
            // GIVEN
            SessionRecord deferred = Transcripts.empty()
                    .transaction(1, Outcome.REJECTED, SmtpReply.of(452, "4.3.1", "Insufficient storage"))
                    .build();
            SessionRecord accepted = Transcripts.empty()
                    .id(2)
                    .transaction(1, Outcome.ACCEPTED, SmtpReply.of(250, "2.0.0", "OK"))
                    .build();
            // THEN
            assertThat(StubJournal.of(deferred, accepted)).clientRetriedAfterTransientFailure();
        }

        @Test
        void should_fail_when_the_transaction_with_the_4xx_was_itself_accepted() {
            // GIVEN
            SessionRecord session = Transcripts.session()
                    .exchange("EHLO client.example", "250 localhost Hello client.example")
                    .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
                    .exchange("RCPT TO:<bob@example.com>", "451 4.2.0 Mailbox busy")
                    .exchange("RCPT TO:<carl@example.com>", "250 2.1.5 Recipient <carl@example.com> OK")
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .content("[message content: 100 octets]")
                    .server("250 2.0.0 OK: queued as 1")
                    .transaction(1, Outcome.ACCEPTED, SmtpReply.of(250, "2.0.0", "OK: queued as 1"))
                    .build();
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(StubJournal.of(session)).clientRetriedAfterTransientFailure());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and 1 session
                    to show a transaction accepted after a transient (4xx) failure but no transaction was accepted after the first 4xx reply:
                      session 1: greeting 220, EHLO 250, MAIL 250, RCPT 451, RCPT 250, DATA 354, end of data 250; transactions: 1 ACCEPTED"""));
        }

        @Test
        void should_fail_when_the_client_gave_up() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(StubJournal.of(DEFERRED)).clientRetriedAfterTransientFailure());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and 1 session
                    to show a transaction accepted after a transient (4xx) failure but no transaction was accepted after the first 4xx reply:
                      session 1: greeting 220, EHLO 250, MAIL 250, RCPT 250, DATA 354, end of data 451, QUIT 221; transactions: 1 REJECTED"""));
        }

        @Test
        void should_fail_when_there_was_no_4xx() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(StubJournal.of(ACCEPTED)).clientRetriedAfterTransientFailure());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and 1 session
                    to show a transaction accepted after a transient (4xx) failure but the client never got a 4xx reply:
                      session 2: greeting 220, EHLO 250, MAIL 250, RCPT 250, DATA 354, end of data 250, QUIT 221; transactions: 1 ACCEPTED"""));
        }

        @Test
        void should_fail_with_sessions_without_replies_or_transactions() {
            // GIVEN
            SessionRecord silent =
                    Transcripts.empty().client("EHLO client.example").build();
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(StubJournal.of(silent)).clientRetriedAfterTransientFailure());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and 1 session
                    to show a transaction accepted after a transient (4xx) failure but the client never got a 4xx reply:
                      session 1: EHLO (no reply); no transactions"""));
        }

        @Test
        void should_fail_without_sessions() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(StubJournal.of()).clientRetriedAfterTransientFailure());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and no sessions
                    to show a transaction accepted after a transient (4xx) failure but no session took place"""));
        }
    }
}
