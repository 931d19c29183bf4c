package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThatTranscript;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.journal.TranscriptEntry;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TranscriptAssertTest {

    private static final List<TranscriptEntry> TRANSCRIPT = Transcripts.session()
            .exchange("EHLO client.example", "250 localhost Hello client.example")
            .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
            .exchange("QUIT", "221 2.0.0 localhost Bye")
            .entries();

    private static final String PRINTED = String.join(
            "\n",
            "       0 ms S: 220 localhost ESMTP TwoFifty ready",
            "       1 ms C: EHLO client.example",
            "       2 ms S: 250 localhost Hello client.example",
            "       3 ms C: MAIL FROM:<ann@example.com>",
            "       4 ms S: 250 2.1.0 Sender <ann@example.com> OK",
            "       5 ms C: QUIT",
            "       6 ms S: 221 2.0.0 localhost Bye");

    @Nested
    class ContainsClientLine {

        @Test
        void should_pass_with_an_exact_client_line() {
            assertThatTranscript(TRANSCRIPT).containsClientLine("MAIL FROM:<ann@example.com>");
        }

        @Test
        void should_fail_for_a_server_line_and_print_the_transcript() {
            // WHEN
            AssertionError error = expectAssertionError(
                    () -> assertThatTranscript(TRANSCRIPT).containsClientLine("221 2.0.0 localhost Bye"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                    %s
                    to contain the client line:
                      "221 2.0.0 localhost Bye\"""".formatted(PRINTED)));
        }
    }

    @Nested
    class ContainsServerLine {

        @Test
        void should_pass_with_an_exact_server_line() {
            assertThatTranscript(TRANSCRIPT).containsServerLine("221 2.0.0 localhost Bye");
        }

        @Test
        void should_fail_and_print_the_transcript() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThatTranscript(TRANSCRIPT).containsServerLine("QUIT"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                    %s
                    to contain the server line:
                      "QUIT\"""".formatted(PRINTED)));
        }
    }

    @Nested
    class ContainsServerLineMatching {

        @Test
        void should_pass_when_a_line_matches_in_full() {
            assertThatTranscript(TRANSCRIPT).containsServerLineMatching("250 2\\.1\\.0 Sender <.+> OK");
        }

        @Test
        void should_fail_when_the_pattern_matches_only_part_of_a_line() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThatTranscript(TRANSCRIPT).containsServerLineMatching("221"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                    %s
                    to contain a server line matching:
                      "221\"""".formatted(PRINTED)));
        }
    }

    @Nested
    class ContainsClientLinesInOrder {

        @Test
        void should_pass_with_lines_between() {
            assertThatTranscript(TRANSCRIPT).containsClientLinesInOrder("EHLO client.example", "QUIT");
        }

        @Test
        void should_fail_with_the_first_line_out_of_order() {
            // WHEN
            AssertionError error = expectAssertionError(() -> assertThatTranscript(TRANSCRIPT)
                    .containsClientLinesInOrder("MAIL FROM:<ann@example.com>", "EHLO client.example"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                    %s
                    to contain the client lines in this order:
                      ["MAIL FROM:<ann@example.com>", "EHLO client.example"]
                    but could not find:
                      "EHLO client.example"
                    after the ones before it""".formatted(PRINTED)));
        }
    }

    @Nested
    class DoesNotContainClientLine {

        @Test
        void should_pass_when_the_line_was_not_sent() {
            assertThatTranscript(TRANSCRIPT).doesNotContainClientLine("RSET");
        }

        @Test
        void should_fail_and_print_the_transcript() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThatTranscript(TRANSCRIPT).doesNotContainClientLine("QUIT"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                    %s
                    not to contain the client line:
                      "QUIT\"""".formatted(PRINTED)));
        }

        @Test
        void should_fail_on_an_empty_transcript_with_a_short_description() {
            // WHEN
            AssertionError error =
                    expectAssertionError(() -> assertThatTranscript(List.of()).containsClientLine("QUIT"));
            // THEN
            then(error).hasMessage(lines("""

                    Expecting actual:
                      an empty transcript
                    to contain the client line:
                      "QUIT\""""));
        }
    }
}
