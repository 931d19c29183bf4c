package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Render.envelope;
import static dev.twofifty.assertj.error.Render.expected;
import static dev.twofifty.assertj.error.Render.message;
import static dev.twofifty.assertj.error.Render.render;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.protocol.EsmtpParameters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The failure messages of the message, envelope and attachment checks, rendered as AssertJ renders them. */
class MessageErrorMessagesTest {

    private static final ReceivedMessage MESSAGE =
            message(3, envelope("ann@example.com", "bob@example.com"), "Subject: Hi\r\n\r\nHi\r\n");
    private static final String ACTUAL = "message 3 from <ann@example.com> to <bob@example.com>, subject \"Hi\"";
    private static final Attachment PDF = new Attachment(
            Optional.of("a.pdf"), "application/pdf", "attachment", Optional.empty(), new byte[] {37, 80, 68, 70});

    @Nested
    class ShouldHaveSender_ {

        @Test
        void should_render_senders_in_angle_brackets() {
            then(render(ShouldHaveSender.shouldHaveSender(MESSAGE, "", "ann@example.com")))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have envelope sender:
                              <>
                            but had:
                              <ann@example.com>""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveAddresses_ {

        @Test
        void should_render_both_lists_in_any_order_or_in_order() {
            then(render(ShouldHaveAddresses.shouldHaveAddresses(
                            MESSAGE, "Cc header addresses", List.of("a@x"), List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have Cc header addresses (in any order):
                              ["a@x"]
                            but had:
                              []""".formatted(ACTUAL)));
            then(render(ShouldHaveAddresses.shouldHaveAddressesInOrder(
                            MESSAGE, "recipients", List.of("b@x", "a@x"), List.of("a@x", "b@x"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have recipients (in this order):
                              ["b@x", "a@x"]
                            but had:
                              ["a@x", "b@x"]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldContainAddress_ {

        @Test
        void should_render_the_addresses_there_are() {
            then(render(ShouldContainAddress.shouldContainAddress(
                            MESSAGE, "From addresses", "a@x", List.of("Ann <ann@example.com>"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have among its From addresses:
                              "a@x"
                            but had:
                              ["Ann <ann@example.com>"]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveNoBlindRecipients_ {

        @Test
        void should_render_the_blind_and_the_named_recipients() {
            then(render(ShouldHaveNoBlindRecipients.shouldHaveNoBlindRecipients(MESSAGE, List.of("b@x"), List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have no blind (Bcc) recipients but these envelope recipients are not in the To or Cc header:
                              ["b@x"]
                            which named:
                              []""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveProperty_ {

        @Test
        void should_render_a_value_an_absent_value_and_visible_text() {
            then(render(ShouldHaveProperty.shouldHave(MESSAGE, "size in octets", 5, 10)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have size in octets:
                              5
                            but had:
                              10""".formatted(ACTUAL)));
            then(render(ShouldHaveProperty.shouldHave(MESSAGE, "body charset", "UTF-8", Optional.empty())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have body charset:
                              "UTF-8"
                            but had:
                              none""".formatted(ACTUAL)));
            then(render(ShouldHaveProperty.shouldHaveText(MESSAGE, "text body", "a\nb", Optional.of("a\r\nb\t"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have text body:
                              "a\\nb"
                            but had:
                              "a\\r\\nb\\t\"""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveHeader_ {

        @Test
        void should_render_the_header_names() {
            then(render(ShouldHaveHeader.shouldHaveHeader(MESSAGE, "Date", List.of("Subject"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have a header named:
                              "Date"
                            but had only:
                              ["Subject"]""".formatted(ACTUAL)));
        }

        @Test
        void should_render_the_values_of_the_header() {
            then(render(ShouldHaveHeader.shouldHaveHeaderMatching(
                            MESSAGE, "Subject", "H.", List.of("Hi", "Ho"), List.of("Subject", "Subject"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have a Subject header with a value matching:
                              "H."
                            but had:
                              ["Hi", "Ho"]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldNotHaveHeader_ {

        @Test
        void should_render_the_values() {
            then(render(ShouldNotHaveHeader.shouldNotHaveHeader(MESSAGE, "Bcc", List.of("eve@example.com"))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            not to have a header named:
                              "Bcc"
                            but had:
                              ["eve@example.com"]""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveBody_ {

        @Test
        void should_render_the_missing_values_and_the_body() {
            then(render(ShouldHaveBody.shouldHaveBodyContaining(
                            MESSAGE, "text", List.of("Hi", "Bye"), List.of("Bye"), Optional.of("Hi"), "text/plain")))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have a text body containing:
                              ["Hi", "Bye"]
                            but could not find:
                              ["Bye"]
                            in:
                              "Hi\"""".formatted(ACTUAL)));
        }

        @Test
        void should_render_a_missing_body_with_the_content_type() {
            then(render(ShouldHaveBody.shouldHaveBodyMatching(MESSAGE, "HTML", "<p>", Optional.empty(), "text/plain")))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have a HTML body with a match for:
                              "<p>"
                            but it had no HTML body (content type text/plain)""".formatted(ACTUAL)));
        }

        @Test
        void should_render_the_unexpected_html_body() {
            then(render(ShouldHaveBody.shouldHaveNoHtmlBody(MESSAGE, "<p>Hi</p>")))
                    .isEqualTo(expected("""

                    Expecting actual:
                      %s
                    not to have an HTML body but had:
                      "<p>Hi</p>\"""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveAttachment_ {

        @Test
        void should_render_the_attachments() {
            then(render(ShouldHaveAttachment.shouldHaveAttachments(MESSAGE, 1, List.of(PDF, PDF))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have 1 attachment
                            but it had 2 attachments:
                              [0] Attachment[a.pdf, application/pdf, 4 octets]
                              [1] Attachment[a.pdf, application/pdf, 4 octets]""".formatted(ACTUAL)));
        }

        @Test
        void should_render_the_name_or_index_looked_for() {
            then(render(ShouldHaveAttachment.shouldHaveAttachmentNamed(MESSAGE, "b.pdf", List.of(PDF))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have an attachment named:
                              "b.pdf"
                            but it had 1 attachment:
                              [0] Attachment[a.pdf, application/pdf, 4 octets]""".formatted(ACTUAL)));
            then(render(ShouldHaveAttachment.shouldHaveAttachmentAt(MESSAGE, 2, List.of())))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have an attachment at index 2
                            but it had no attachments""".formatted(ACTUAL)));
        }
    }

    @Nested
    class ShouldHaveRawContent_ {

        @Test
        void should_render_the_first_different_line_on_both_sides() {
            byte[] expected = "A\r\nB\r\nC\r\n".getBytes(StandardCharsets.UTF_8);
            byte[] actual = "A\r\nB\nC\r\n".getBytes(StandardCharsets.UTF_8);
            then(render(ShouldHaveRawContent.shouldHaveRawContent(MESSAGE, expected, actual)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have raw content of 9 octets but had 8 octets, differing from line 2 on:
                              expected: "B\\r\\n"
                              actual  : "B\\n\"""".formatted(ACTUAL)));
        }

        @Test
        void should_render_the_end_of_the_shorter_content() {
            then(render(ShouldHaveRawContent.shouldHaveContent(PDF, new byte[] {37}, new byte[0])))
                    .isEqualTo(expected("""

                            Expecting actual:
                              Attachment[a.pdf, application/pdf, 4 octets]
                            to have content of 1 octet but had 0 octets, differing from line 1 on:
                              expected: "%"
                              actual  : (end of content)"""));
        }
    }

    @Nested
    class ShouldHaveLines_ {

        @Test
        void should_render_at_most_forty_lines() {
            List<String> lines = new ArrayList<>(
                    IntStream.rangeClosed(1, 42).mapToObj(i -> "line " + i).toList());
            String rendered = render(ShouldHaveLines.shouldHaveLines(MESSAGE, List.of("x"), List.of("x"), lines));
            then(rendered)
                    .startsWith(expected("""

                            Expecting actual:
                              %s
                            to have the complete lines:
                              ["x"]
                            but could not find:
                              ["x"]
                            among its lines:
                              1: "line 1"
                              2: "line 2\"""".formatted(ACTUAL)))
                    .endsWith(String.join(System.lineSeparator(), "  40: \"line 40\"", "  ... 2 more lines"));
        }
    }

    @Nested
    class ShouldHaveMailParameter_ {

        @Test
        void should_render_the_parameters_sent() {
            then(render(ShouldHaveMailParameter.shouldHaveMailParameter(
                            MESSAGE, "RET", "FULL", new EsmtpParameters(Map.of("SIZE", "10")))))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have MAIL parameter:
                              RET=FULL
                            but had:
                              SIZE=10""".formatted(ACTUAL)));
            then(render(ShouldHaveMailParameter.shouldHaveUsedSmtpUtf8(MESSAGE, EsmtpParameters.NONE)))
                    .isEqualTo(expected("""

                            Expecting actual:
                              %s
                            to have MAIL parameter:
                              SMTPUTF8
                            but MAIL had no parameters""".formatted(ACTUAL)));
        }
    }
}
