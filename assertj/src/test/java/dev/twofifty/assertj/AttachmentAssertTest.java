package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AttachmentAssertTest {

    private static final byte[] CSV = "id,total\r\n42,12.00\r\n".getBytes(StandardCharsets.UTF_8);
    private static final Attachment REPORT =
            new Attachment(Optional.of("report.csv"), "text/csv", "attachment", Optional.empty(), CSV);
    private static final Attachment UNNAMED =
            new Attachment(Optional.empty(), "image/png", "inline", Optional.of("logo"), new byte[] {1, 2, 3});
    private static final String REPORT_ACTUAL = "Attachment[report.csv, text/csv, 20 octets]";

    @Nested
    class HasFileName {

        @Test
        void should_pass_with_the_file_name() {
            assertThat(REPORT).hasFileName("report.csv");
        }

        @Test
        void should_fail_when_the_part_has_no_file_name() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(UNNAMED).hasFileName("logo.png"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      Attachment[(no name), image/png, 3 octets]
                    to have file name:
                      "logo.png"
                    but had:
                      none"""));
        }
    }

    @Nested
    class HasContentType {

        @Test
        void should_pass_ignoring_case_and_parameters() {
            assertThat(REPORT).hasContentType("Text/CSV; charset=UTF-8");
        }

        @Test
        void should_fail_with_the_content_type() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(REPORT).hasContentType("application/pdf"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have content type:
                      "application/pdf"
                    but had:
                      "text/csv\"""".formatted(REPORT_ACTUAL)));
        }
    }

    @Nested
    class HasContent {

        @Test
        void should_pass_byte_for_byte() {
            assertThat(UNNAMED).hasContent(new byte[] {1, 2, 3});
        }

        @Test
        void should_fail_with_the_first_different_line() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThat(REPORT).hasContent("id,total\r\n42,13.00\r\n".getBytes(StandardCharsets.UTF_8)));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have content of 20 octets but had 20 octets, differing from line 2 on:
                      expected: "42,13.00\\r\\n"
                      actual  : "42,12.00\\r\\n\"""".formatted(REPORT_ACTUAL)));
        }
    }

    @Nested
    class HasTextContent {

        @Test
        void should_pass_with_the_content_as_utf8() {
            assertThat(REPORT).hasTextContent("id,total\r\n42,12.00\r\n");
        }

        @Test
        void should_fail_with_line_ends_made_visible() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThat(REPORT).hasTextContent("id,total\n42,12.00\n"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have text content:
                      "id,total\\n42,12.00\\n"
                    but had:
                      "id,total\\r\\n42,12.00\\r\\n\"""".formatted(REPORT_ACTUAL)));
        }
    }

    @Nested
    class HasSize {

        @Test
        void should_pass_with_the_decoded_size() {
            assertThat(REPORT).hasSize(20);
        }

        @Test
        void should_fail_with_the_size() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThat(REPORT).hasSize(21));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      %s
                    to have size in octets:
                      21
                    but had:
                      20""".formatted(REPORT_ACTUAL)));
        }
    }
}
