package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.PLAIN;
import static dev.twofifty.assertj.TestData.envelope;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static dev.twofifty.assertj.TestData.message;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The journal checks of {@link AbstractJournalAssert}, on journals with hand-made content. */
class JournalAssertTest {

    private static final ReceivedMessage TO_BOB = message(1, envelope("ann@example.com", "bob@example.com"), PLAIN);
    private static final ReceivedMessage TO_CARL_AND_DORA = message(
            2,
            envelope("", "carl@example.com", "dora@example.com"),
            "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n\r\nHi\r\n");
    private static final Journal TWO_MESSAGES =
            new StubJournal(List.of(TO_BOB, TO_CARL_AND_DORA), List.of(Sessions.SECURE));
    private static final String TWO_MESSAGES_ACTUAL = "journal with 2 messages and 1 session";
    private static final String TWO_MESSAGES_LISTED = String.join(
            "\n",
            "  [0] message 1 from <ann@example.com> to <bob@example.com>, subject \"Hello\"",
            "  [1] message 2 from <> to <carl@example.com>, <dora@example.com>, subject \"Grüße\"");

    @Nested
    class HasReceived {

        @Test
        void should_pass_with_the_number_of_messages() {
            assertThat(TWO_MESSAGES).hasReceived(2);
        }

        @Test
        void should_fail_with_the_messages_received() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).hasReceived(3));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received 3 messages but had received 2 messages:
                    %s""".formatted(TWO_MESSAGES_ACTUAL, TWO_MESSAGES_LISTED)));
        }

        @Test
        void should_fail_when_nothing_arrived() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(StubJournal.of()).hasReceived(1));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and no sessions
                    to have received 1 message but had received none"""));
        }
    }

    @Nested
    class HasReceivedAtLeast {

        @Test
        void should_pass_with_more_messages() {
            assertThat(TWO_MESSAGES).hasReceivedAtLeast(1).hasReceivedAtLeast(2);
        }

        @Test
        void should_fail_with_the_messages_received() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(StubJournal.ofMessages(TO_BOB)).hasReceivedAtLeast(2));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with 1 message and no sessions
                    to have received at least 2 messages but had received 1 message:
                      [0] message 1 from <ann@example.com> to <bob@example.com>, subject "Hello\""""));
        }
    }

    @Nested
    class HasReceivedNothing {

        @Test
        void should_pass_for_an_empty_journal() {
            assertThat(StubJournal.of()).hasReceivedNothing();
        }

        @Test
        void should_fail_with_the_messages_received() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).hasReceivedNothing());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received no messages but had received 2 messages:
                    %s""".formatted(TWO_MESSAGES_ACTUAL, TWO_MESSAGES_LISTED)));
        }
    }

    @Nested
    class HasReceivedMessageTo {

        @Test
        void should_pass_with_the_domain_in_another_case() {
            assertThat(TWO_MESSAGES).hasReceivedMessageTo("dora@EXAMPLE.com");
        }

        @Test
        void should_fail_with_the_recipients_of_each_message() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).hasReceivedMessageTo("eve@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received a message to:
                      "eve@example.com"
                    but the messages went to:
                      [0] message 1: <bob@example.com>
                      [1] message 2: <carl@example.com>, <dora@example.com>""".formatted(TWO_MESSAGES_ACTUAL)));
        }

        @Test
        void should_fail_when_nothing_arrived() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(StubJournal.of()).hasReceivedMessageTo("eve@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and no sessions
                    to have received a message to:
                      "eve@example.com"
                    but it had received no messages"""));
        }
    }

    @Nested
    class HasReceivedMessageFrom {

        @Test
        void should_pass_for_the_null_sender() {
            assertThat(TWO_MESSAGES).hasReceivedMessageFrom("").hasReceivedMessageFrom("ann@example.com");
        }

        @Test
        void should_fail_with_the_sender_of_each_message() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).hasReceivedMessageFrom("eve@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received a message from:
                      "eve@example.com"
                    but the messages came from:
                      [0] message 1: <ann@example.com>
                      [1] message 2: <>""".formatted(TWO_MESSAGES_ACTUAL)));
        }
    }

    @Nested
    class HasReceivedMessageWithSubject {

        @Test
        void should_pass_with_a_decoded_subject() {
            assertThat(TWO_MESSAGES).hasReceivedMessageWithSubject("Grüße");
        }

        @Test
        void should_fail_with_the_subject_of_each_message() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).hasReceivedMessageWithSubject("Invoice"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received a message with subject:
                      "Invoice"
                    but the messages had the subjects:
                      [0] message 1: "Hello"
                      [1] message 2: "Grüße\"""".formatted(TWO_MESSAGES_ACTUAL)));
        }
    }

    @Nested
    class Message {

        @Test
        void should_navigate_to_the_message_at_the_index() {
            assertThat(TWO_MESSAGES).message(1).hasEnvelopeRecipients("dora@example.com", "carl@example.com");
        }

        @Test
        void should_fail_with_the_messages_there_are() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).message(2));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a message at index 2 but it held 2 messages:
                    %s""".formatted(TWO_MESSAGES_ACTUAL, TWO_MESSAGES_LISTED)));
        }

        @Test
        void should_fail_when_there_are_no_messages() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(StubJournal.of()).message(0));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and no sessions
                    to have a message at index 0 but it held no messages"""));
        }
    }

    @Nested
    class MessageTo {

        @Test
        void should_navigate_to_the_first_message_to_the_recipient() {
            assertThat(TWO_MESSAGES).messageTo("carl@example.com").hasSubject("Grüße");
        }

        @Test
        void should_fail_with_the_recipients_of_each_message() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).messageTo("eve@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have received a message to:
                      "eve@example.com"
                    but the messages went to:
                      [0] message 1: <bob@example.com>
                      [1] message 2: <carl@example.com>, <dora@example.com>""".formatted(TWO_MESSAGES_ACTUAL)));
        }
    }

    @Nested
    class Messages {

        @Test
        void should_navigate_to_a_list_assert() {
            assertThat(TWO_MESSAGES)
                    .messages()
                    .hasSize(2)
                    .extracting(ReceivedMessage::id)
                    .containsExactly(1L, 2L);
        }
    }

    @Nested
    class HasSessions {

        @Test
        void should_pass_with_the_number_of_sessions() {
            assertThat(TWO_MESSAGES).hasSessions(1);
        }

        @Test
        void should_fail_with_the_sessions() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(TWO_MESSAGES).hasSessions(2));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have 2 sessions but it had 1 session:
                      [0] session 1 from 127.0.0.1:40000: [EHLO, STARTTLS, EHLO, AUTH, MAIL, RCPT, RCPT, DATA, QUIT], ended by QUIT""".formatted(TWO_MESSAGES_ACTUAL)));
        }
    }

    @Nested
    class Session {

        @Test
        void should_navigate_by_index_and_to_the_last_one() {
            // GIVEN
            Journal journal = StubJournal.of(Sessions.SECURE, Sessions.PIPELINED);
            // THEN
            assertThat(journal).session(0).sentQuit();
            assertThat(journal).lastSession().pipelined();
        }

        @Test
        void should_fail_when_the_index_is_out_of_range() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(StubJournal.of()).session(0));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and no sessions
                    to have a session at index 0 but it had no sessions"""));
        }

        @Test
        void should_fail_when_there_is_no_last_session() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(StubJournal.of()).lastSession());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and no sessions
                    to have a session but it had no sessions"""));
        }
    }

    @Nested
    class HasNoViolations {

        @Test
        void should_pass_when_no_session_has_violations() {
            assertThat(TWO_MESSAGES).hasNoViolations();
        }

        @Test
        void should_fail_with_the_violations_per_session() {
            // GIVEN
            SessionRecord early = Transcripts.empty()
                    .id(3)
                    .violation(Violation.Type.EARLY_TALKER, "the client sent data before the server's greeting")
                    .build();
            Journal journal = StubJournal.of(Sessions.SECURE, Sessions.PIPELINED, early);
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(journal).hasNoViolations());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      journal with no messages and 3 sessions
                    to have no client protocol violations but had:
                      session 1 from 127.0.0.1:40000:
                        BARE_LF_IN_DATA (RFC 5321 §2.3.8): message content held a bare LF
                        CLOSED_WITHOUT_QUIT (RFC 5321 §4.1.1.10): the client closed the connection without QUIT
                      session 3 from 127.0.0.1:40000:
                        EARLY_TALKER (RFC 5321 §3.1): the client sent data before the server's greeting"""));
        }
    }
}
