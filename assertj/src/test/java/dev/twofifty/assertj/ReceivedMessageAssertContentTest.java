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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The body, attachment, encoding and raw content checks of {@link ReceivedMessageAssert}. */
class ReceivedMessageAssertContentTest {

    private static final ReceivedMessage PLAIN_MESSAGE = message(PLAIN);
    private static final ReceivedMessage MULTIPART_MESSAGE =
            message(2, envelope("ann@example.com", "bob@example.com"), MULTIPART);

    private static final String PLAIN_ACTUAL =
            "message 1 from <ann@example.com> to <bob@example.com>, subject \"Hello\"";
    private static final String MULTIPART_ACTUAL =
            "message 2 from <ann@example.com> to <bob@example.com>, subject \"Grüße aus Köln\"";

    @Nested
    class HasTextBody {

        @Test
        void should_pass_with_the_exact_body_ignoring_one_final_crlf() {
            assertThat(PLAIN_MESSAGE).hasTextBody("Hi Bob,\r\n.leading dot\r\nBye");
            assertThat(PLAIN_MESSAGE).hasTextBody("Hi Bob,\r\n.leading dot\r\nBye\r\n");
        }

        @Test
        void should_pass_with_a_quoted_printable_body_decoded() {
            assertThat(MULTIPART_MESSAGE).hasTextBody("Grüße, Bob!\r\nYour order 42 has shipped.");
        }

        @Test
        void should_fail_with_line_ends_made_visible() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasTextBody("Hi Bob,\n.leading dot\nBye"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have text body:
                      "Hi Bob,\\n.leading dot\\nBye"
                    but had:
                      "Hi Bob,\\r\\n.leading dot\\r\\nBye\\r\\n\"""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasTextBodyContaining {

        @Test
        void should_pass_when_every_value_is_in_the_body() {
            assertThat(MULTIPART_MESSAGE).hasTextBodyContaining("Grüße", "order 42");
        }

        @Test
        void should_fail_with_the_missing_values_and_the_body() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(MULTIPART_MESSAGE).hasTextBodyContaining("order 42", "invoice"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a text body containing:
                      ["order 42", "invoice"]
                    but could not find:
                      ["invoice"]
                    in:
                      "Grüße, Bob!\r
                    Your order 42 has shipped.\"""".formatted(MULTIPART_ACTUAL)));
        }

        @Test
        void should_fail_when_there_is_no_text_body() {
            // GIVEN
            ReceivedMessage htmlOnly = message("Subject: Hi\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n");
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(htmlOnly).hasTextBodyContaining("Hi"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      message 1 from <ann@example.com> to <bob@example.com>, subject "Hi"
                    to have a text body containing:
                      ["Hi"]
                    but it had no text body (content type text/html)"""));
        }
    }

    @Nested
    class HasTextBodyMatching {

        @Test
        void should_pass_when_the_pattern_is_found() {
            assertThat(MULTIPART_MESSAGE).hasTextBodyMatching("order \\d+");
        }

        @Test
        void should_fail_with_the_body() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasTextBodyMatching("order \\d+"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a text body with a match for:
                      "order \\d+"
                    but had:
                      "Hi Bob,\r
                    .leading dot\r
                    Bye\r
                    \"""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasHtmlBodyContaining {

        @Test
        void should_pass_when_every_value_is_in_the_html_body() {
            assertThat(MULTIPART_MESSAGE).hasHtmlBodyContaining("<b>Bob</b>", "<p>");
        }

        @Test
        void should_fail_when_there_is_no_html_body() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasHtmlBodyContaining("<p>"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a HTML body containing:
                      ["<p>"]
                    but it had no HTML body (content type text/plain)""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasHtmlBodyMatching {

        @Test
        void should_pass_when_the_pattern_is_found() {
            assertThat(MULTIPART_MESSAGE).hasHtmlBodyMatching("<b>\\w+</b>");
        }

        @Test
        void should_fail_with_the_html_body() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasHtmlBodyMatching("<a href"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have a HTML body with a match for:
                      "<a href"
                    but had:
                      "<p>Gr&uuml;&szlig;e, <b>Bob</b>!</p>\"""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasNoHtmlBody {

        @Test
        void should_pass_for_a_plain_text_message() {
            assertThat(PLAIN_MESSAGE).hasNoHtmlBody();
        }

        @Test
        void should_fail_with_the_html_body() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasNoHtmlBody());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    not to have an HTML body but had:
                      "<p>Gr&uuml;&szlig;e, <b>Bob</b>!</p>\"""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasAttachments {

        @Test
        void should_pass_with_the_number_of_attachments() {
            assertThat(MULTIPART_MESSAGE).hasAttachments(1);
            assertThat(PLAIN_MESSAGE).hasAttachments(0);
        }

        @Test
        void should_fail_with_the_attachments() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasAttachments(2));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have 2 attachments
                    but it had 1 attachment:
                      [0] Attachment[order.csv, text/csv, 20 octets]""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasAttachmentNamed {

        @Test
        void should_pass_with_the_file_name() {
            assertThat(MULTIPART_MESSAGE).hasAttachmentNamed("order.csv");
        }

        @Test
        void should_fail_when_there_are_no_attachments() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasAttachmentNamed("order.csv"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have an attachment named:
                      "order.csv"
                    but it had no attachments""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class Attachment {

        @Test
        void should_navigate_by_index_and_by_name() {
            assertThat(MULTIPART_MESSAGE).attachment(0).hasFileName("order.csv");
            assertThat(MULTIPART_MESSAGE).attachment("order.csv").hasTextContent("id,total\r\n42,12.00\r\n");
        }

        @Test
        void should_fail_when_the_index_is_out_of_range() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).attachment(1));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have an attachment at index 1
                    but it had 1 attachment:
                      [0] Attachment[order.csv, text/csv, 20 octets]""".formatted(MULTIPART_ACTUAL)));
        }

        @Test
        void should_fail_when_no_attachment_has_the_name() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).attachment("order.pdf"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have an attachment named:
                      "order.pdf"
                    but it had 1 attachment:
                      [0] Attachment[order.csv, text/csv, 20 octets]""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasContentType {

        @Test
        void should_pass_ignoring_case_and_parameters() {
            assertThat(MULTIPART_MESSAGE).hasContentType("Multipart/Mixed; boundary=x");
            assertThat(PLAIN_MESSAGE).hasContentType("text/plain");
        }

        @Test
        void should_fail_with_the_actual_content_type() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasContentType("text/html"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have content type:
                      "text/html"
                    but had:
                      "text/plain\"""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasCharset {

        @Test
        void should_pass_ignoring_case() {
            assertThat(MULTIPART_MESSAGE).hasCharset("utf-8");
        }

        @Test
        void should_fail_when_no_charset_is_named() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasCharset("UTF-8"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have body charset:
                      "UTF-8"
                    but had:
                      none""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class HasTransferEncoding {

        @Test
        void should_pass_with_the_text_body_encoding() {
            assertThat(MULTIPART_MESSAGE).hasTransferEncoding("Quoted-Printable");
        }

        @Test
        void should_fail_with_the_actual_encoding() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(MULTIPART_MESSAGE).hasTransferEncoding("base64"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have body transfer encoding:
                      "base64"
                    but had:
                      "quoted-printable\"""".formatted(MULTIPART_ACTUAL)));
        }
    }

    @Nested
    class HasSize {

        @Test
        void should_pass_with_the_octets_of_the_raw_content() {
            assertThat(PLAIN_MESSAGE).hasSize(PLAIN.getBytes(StandardCharsets.UTF_8).length);
        }

        @Test
        void should_fail_with_the_actual_size() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(message("Hi\r\n")).hasSize(3));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      message 1 from <ann@example.com> to <bob@example.com>, no subject
                    to have size in octets:
                      3
                    but had:
                      4"""));
        }
    }

    @Nested
    class HasRawContent {

        @Test
        void should_pass_byte_for_byte() {
            assertThat(PLAIN_MESSAGE).hasRawContent(PLAIN).hasRawContent(PLAIN.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void should_fail_with_the_first_different_line_made_visible() {
            // GIVEN
            String expected = PLAIN.replace(".leading dot\r\n", "..leading dot\n");
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasRawContent(expected));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have raw content of 157 octets but had 157 octets, differing from line 8 on:
                      expected: "..leading dot\\n"
                      actual  : ".leading dot\\r\\n\"""".formatted(PLAIN_ACTUAL)));
        }

        @Test
        void should_fail_when_the_content_ends_early() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(message("A\r\n")).hasRawContent("A\r\nB\r\n"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      message 1 from <ann@example.com> to <bob@example.com>, no subject
                    to have raw content of 6 octets but had 3 octets, differing from line 2 on:
                      expected: "B\\r\\n"
                      actual  : (end of content)"""));
        }
    }

    @Nested
    class HasLines {

        @Test
        void should_pass_when_each_string_is_a_complete_line() {
            assertThat(PLAIN_MESSAGE).hasLines(".leading dot", "Bye", "");
        }

        @Test
        void should_fail_for_a_part_of_a_line_and_show_the_lines() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(PLAIN_MESSAGE).hasLines("..leading dot", "Hi Bob"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have the complete lines:
                      ["..leading dot", "Hi Bob"]
                    but could not find:
                      ["..leading dot", "Hi Bob"]
                    among its lines:
                      1: "From: Ann <ann@example.com>"
                      2: "To: Bob <bob@example.com>"
                      3: "Subject: Hello"
                      4: "Message-ID: <1@example.com>"
                      5: "X-Mailer: TestMailer 1.0"
                      6: ""
                      7: "Hi Bob,"
                      8: ".leading dot"
                      9: "Bye\"""".formatted(PLAIN_ACTUAL)));
        }
    }

    @Nested
    class UsedSmtpUtf8 {

        @Test
        void should_pass_when_mail_had_the_parameter() {
            // GIVEN
            ReceivedMessage utf8 = message(
                    1,
                    TestData.envelope(Map.of("SMTPUTF8", ""), List.of(TestData.recipient("bob@example.com"))),
                    PLAIN);
            // THEN
            assertThat(utf8).usedSmtpUtf8();
        }

        @Test
        void should_fail_with_the_mail_parameters() {
            // GIVEN
            ReceivedMessage eightBit = message(
                    1,
                    TestData.envelope(Map.of("BODY", "8BITMIME"), List.of(TestData.recipient("bob@example.com"))),
                    PLAIN);
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(eightBit).usedSmtpUtf8());
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      message 1 from <ann@example.com> to <bob@example.com>, subject "Hello"
                    to have MAIL parameter:
                      SMTPUTF8
                    but had:
                      BODY=8BITMIME"""));
        }
    }

    @Nested
    class Envelope {

        @Test
        void should_navigate_to_the_envelope() {
            assertThat(PLAIN_MESSAGE).envelope().hasSender("ann@example.com").hasRecipients("bob@example.com");
        }
    }
}
