package dev.twofifty.assertj.error;

import static dev.twofifty.assertj.error.Render.envelope;
import static dev.twofifty.assertj.error.Render.message;
import static org.assertj.core.api.BDDAssertions.then;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DescribeTest {

    @Nested
    class Duration_ {

        @Test
        void should_show_milliseconds_below_a_second_and_seconds_above() {
            then(Describe.duration(Duration.ofMillis(300))).isEqualTo("300 ms");
            then(Describe.duration(Duration.ofSeconds(5))).isEqualTo("5 s");
            then(Describe.duration(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        }
    }

    @Nested
    class Visible {

        @Test
        void should_escape_line_ends_tabs_quotes_and_backslashes() {
            then(Describe.visible("a\r\nb\tc\"d\\")).isEqualTo("\"a\\r\\nb\\tc\\\"d\\\\\"");
        }
    }

    @Nested
    class Count {

        @Test
        void should_use_no_one_and_plurals() {
            then(List.of(Describe.count(0, "message"), Describe.count(1, "message"), Describe.count(2, "message")))
                    .containsExactly("no messages", "1 message", "2 messages");
        }
    }

    @Nested
    class Message {

        @Test
        void should_show_the_null_sender_and_a_missing_subject() {
            then(Describe.message(message(7, envelope("", "bob@example.com"), "\r\nHi\r\n")))
                    .isEqualTo("message 7 from <> to <bob@example.com>, no subject");
        }

        @Test
        void should_show_an_envelope_without_recipients() {
            then(Describe.recipients(envelope("ann@example.com"))).isEqualTo("no recipients");
        }
    }
}
