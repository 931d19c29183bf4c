package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.MULTIPART;
import static dev.twofifty.assertj.TestData.PLAIN;
import static dev.twofifty.assertj.TestData.envelope;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static dev.twofifty.assertj.TestData.message;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.ReceivedMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The envelope, address, subject and header checks of {@link ReceivedMessageAssert}. */
class ReceivedMessageAssertTest {

    private static final ReceivedMessage PLAIN_MESSAGE = message(PLAIN);
    private static final ReceivedMessage MULTIPART_MESSAGE = message(
            2,
            envelope("ann@example.com", "bob@example.com", "carl@example.com", "dora@example.com", "eve@example.com"),
            MULTIPART);

    private static final String PLAIN_ACTUAL =
            "message 1 from <ann@example.com> to <bob@example.com>, subject \"Hello\"";
    private static final String MULTIPART_ACTUAL = "message 2 from <ann@example.com> to <bob@example.com>,"
            + " <carl@example.com>, <dora@example.com>, <eve@example.com>, subject \"Grüße aus Köln\"";

    @Nested
    class HasEnvelopeSender {

        @Test
        void should_pass_when_the_sender_matches_with_the_domain_in_another_case() {
            assertThat(PLAIN_MESSAGE).hasEnvelopeSender("ann@EXAMPLE.com");
        }

        @Test
        void should_pass_for_the_null_sender() {
            assertThat(message(1, envelope("", "bob@example.com"), PLAIN)).hasEnvelopeSender("");
        }

        @Test
        void should_fail_when_the_sender_differs() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasEnvelopeSender(""));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have envelope sender:
                      <>
                    but had:
                      <ann@example.com>""".formatted(PLAIN_ACTUAL)));
        }

        @Test
        void should_fail_when_the_message_is_null() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat((ReceivedMessage) null).hasEnvelopeSender(""));
            // THEN
            then(error).hasMessage(lines("\nExpecting actual not to be null"));
        }
    }

    @Nested
    class HasEnvelopeRecipients {

        @Test
        void should_pass_with_the_same_recipients_in_another_order() {
            assertThat(MULTIPART_MESSAGE)
                    .hasEnvelopeRecipients(
                            "eve@example.com", "DORA@example.com".toLowerCase(), "carl@Example.com", "bob@example.com");
        }

        @Test
        void should_fail_when_a_recipient_is_missing() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(PLAIN_MESSAGE).hasEnvelopeRecipients("bob@example.com", "carl@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have envelope recipients (in any order):
                      ["bob@example.com", "carl@example.com"]
                    but had:
                      ["bob@example.com"]""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasEnvelopeRecipient {

        @Test
        void should_pass_when_the_address_is_a_recipient() {
            assertThat(MULTIPART_MESSAGE).hasEnvelopeRecipient("eve@EXAMPLE.COM");
        }

        @Test
        void should_fail_when_the_address_is_not_a_recipient() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasEnvelopeRecipient("eve@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have among its envelope recipients:
                      "eve@example.com"
                    but had:
                      ["bob@example.com"]""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasFromHeader {

        @Test
        void should_pass_with_the_bare_address_of_a_named_sender() {
            assertThat(PLAIN_MESSAGE).hasFromHeader("ann@example.com");
            assertThat(MULTIPART_MESSAGE).hasFromHeader("jurgen@example.com");
        }

        @Test
        void should_fail_with_the_decoded_from_addresses() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasFromHeader("ann@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have among its From addresses:
                      "ann@example.com"
                    but had:
                      ["Jürgen <jurgen@example.com>"]""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasToHeader {

        @Test
        void should_pass_with_the_bare_addresses_in_any_order() {
            assertThat(MULTIPART_MESSAGE).hasToHeader("carl@example.com", "bob@example.com");
        }

        @Test
        void should_fail_when_the_addresses_differ() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasToHeader("bob@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have To header addresses (in any order):
                      ["bob@example.com"]
                    but had:
                      ["bob@example.com", "Carl <carl@EXAMPLE.com>"]""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasCcHeader {

        @Test
        void should_pass_with_the_cc_addresses() {
            assertThat(MULTIPART_MESSAGE).hasCcHeader("dora@example.com");
        }

        @Test
        void should_pass_with_no_addresses_when_there_is_no_cc() {
            assertThat(PLAIN_MESSAGE).hasCcHeader();
        }

        @Test
        void should_fail_when_there_is_no_cc() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasCcHeader("dora@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have Cc header addresses (in any order):
                      ["dora@example.com"]
                    but had:
                      []""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasBlindRecipients {

        @Test
        void should_pass_with_the_envelope_recipients_the_headers_do_not_name() {
            assertThat(MULTIPART_MESSAGE).hasBlindRecipients("eve@example.com");
        }

        @Test
        void should_fail_when_the_blind_recipients_differ() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasBlindRecipients("dora@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have blind (Bcc) recipients (in any order):
                      ["dora@example.com"]
                    but had:
                      ["eve@example.com"]""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasNoBlindRecipients {

        @Test
        void should_pass_when_the_headers_name_every_recipient() {
            assertThat(PLAIN_MESSAGE).hasNoBlindRecipients();
        }

        @Test
        void should_fail_with_the_blind_recipients_and_the_header_recipients() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasNoBlindRecipients());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have no blind (Bcc) recipients but these envelope recipients are not in the To or Cc header:
                      ["eve@example.com"]
                    which named:
                      ["bob@example.com", "carl@example.com", "dora@example.com"]""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasSubject {

        @Test
        void should_pass_with_the_decoded_subject() {
            assertThat(MULTIPART_MESSAGE).hasSubject("Grüße aus Köln");
        }

        @Test
        void should_fail_with_the_actual_subject() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasSubject("Goodbye"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have subject:
                      "Goodbye"
                    but had:
                      "Hello\"""".formatted(PLAIN_ACTUAL)));
        }

        @Test
        void should_fail_when_there_is_no_subject() {
            // GIVEN
            ReceivedMessage noSubject = message("From: ann@example.com\r\n\r\nHi\r\n");
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(noSubject).hasSubject("Hello"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      message 1 from <ann@example.com> to <bob@example.com>, no subject
                    to have subject:
                      "Hello"
                    but had:
                      none"""));
        }
    }

    @Nested
    class HasSubjectContaining {

        @Test
        void should_pass_when_the_decoded_subject_contains_the_text() {
            assertThat(MULTIPART_MESSAGE).hasSubjectContaining("aus K");
        }

        @Test
        void should_fail_with_the_actual_subject() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasSubjectContaining("Bye"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a subject containing:
                      "Bye"
                    but had:
                      "Hello\"""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasHeader {

        @Test
        void should_pass_with_the_name_in_any_case() {
            assertThat(PLAIN_MESSAGE).hasHeader("x-mailer").hasHeader("Message-ID");
        }

        @Test
        void should_fail_with_the_header_names() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasHeader("Reply-To"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a header named:
                      "Reply-To"
                    but had only:
                      ["From", "To", "Subject", "Message-ID", "X-Mailer"]""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasHeaderWithValue {

        @Test
        void should_pass_with_the_raw_value() {
            assertThat(MULTIPART_MESSAGE).hasHeader("subject", "=?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=");
        }

        @Test
        void should_fail_with_the_values_of_the_header() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasHeader("X-Mailer", "TestMailer 2.0"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a X-Mailer header with value:
                      "TestMailer 2.0"
                    but had:
                      ["TestMailer 1.0"]""".formatted(PLAIN_ACTUAL)));
        }

        @Test
        void should_fail_with_the_header_names_when_the_header_is_missing() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasHeader("Cc", "x@example.com"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a Cc header with value:
                      "x@example.com"
                    but had no such header, only:
                      ["From", "To", "Subject", "Message-ID", "X-Mailer"]""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasHeaderMatching {

        @Test
        void should_pass_when_a_value_matches_in_full() {
            assertThat(PLAIN_MESSAGE).hasHeaderMatching("Message-ID", "<\\d+@example\\.com>");
        }

        @Test
        void should_fail_when_the_regex_only_matches_part_of_the_value() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasHeaderMatching("X-Mailer", "TestMailer"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a X-Mailer header with a value matching:
                      "TestMailer"
                    but had:
                      ["TestMailer 1.0"]""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class DoesNotHaveHeader {

        @Test
        void should_pass_when_the_header_is_absent() {
            assertThat(PLAIN_MESSAGE).doesNotHaveHeader("Bcc");
        }

        @Test
        void should_fail_with_the_values() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).doesNotHaveHeader("x-mailer"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    not to have a header named:
                      "x-mailer"
                    but had:
                      ["TestMailer 1.0"]""".formatted(PLAIN_ACTUAL)));
        }
    }
}
