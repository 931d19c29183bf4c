package dev.twofifty.assertj;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.groups.Tuple.tuple;

import dev.twofifty.assertj.Exchanges.Exchange;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExchangesTest {

    @Nested
    class Of {

        @Test
        void should_pair_each_line_with_the_reply_after_it() {
            // GIVEN
            Transcripts transcript = Transcripts.session()
                    .client("EHLO client.example")
                    .server("250-localhost Hello client.example")
                    .server("250 CHUNKING")
                    .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
                    .pipelined("RCPT TO:<bob@example.com>")
                    .server("250 2.1.5 Recipient <bob@example.com> OK")
                    .client("BDAT 10")
                    .content("[BDAT chunk: 10 octets]")
                    .event("rule r1 fired")
                    .server("250 2.0.0 10 octets received")
                    .client("BDAT 5 LAST")
                    .content("[BDAT chunk: 5 octets]")
                    .server("250 2.0.0 OK: queued as 1")
                    .client("NOOP")
                    .event("idle timeout (PT5M)")
                    .server("421 4.4.2 localhost Idle timeout");
            // WHEN
            List<Exchange> exchanges = Exchanges.of(transcript.entries());
            // THEN
            then(exchanges)
                    .extracting(Exchange::label, Exchange::code, Exchange::replyText)
                    .containsExactly(
                            tuple("greeting", 220, "220 localhost ESMTP TwoFifty ready"),
                            tuple("EHLO", 250, "250-localhost Hello client.example (+1 lines)"),
                            tuple("MAIL", 250, "250 2.1.0 Sender <ann@example.com> OK"),
                            tuple("RCPT", 250, "250 2.1.5 Recipient <bob@example.com> OK"),
                            tuple("BDAT", 250, "250 2.0.0 10 octets received"),
                            tuple("BDAT", 250, "250 2.0.0 OK: queued as 1"),
                            tuple("NOOP", 421, "421 4.4.2 localhost Idle timeout"));
            then(exchanges)
                    .extracting(Exchange::isLastChunk)
                    .containsExactly(false, false, false, false, false, true, false);
        }

        @Test
        void should_keep_a_line_without_reply_and_an_unsolicited_reply() {
            // GIVEN
            Transcripts transcript = Transcripts.session()
                    .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
                    .content("[message content: 3 octets]")
                    .server("250 2.0.0 OK: queued as 1")
                    .server("421 4.3.0 Shutting down")
                    .client("QUIT");
            // WHEN
            List<Exchange> exchanges = Exchanges.of(transcript.entries());
            // THEN
            then(exchanges)
                    .extracting(Exchange::describe)
                    .containsExactly(
                            "greeting -> 220 localhost ESMTP TwoFifty ready",
                            "DATA -> 354 End data with <CR><LF>.<CR><LF>",
                            "[message content: 3 octets] -> 250 2.0.0 OK: queued as 1",
                            "unsolicited reply -> 421 4.3.0 Shutting down",
                            "QUIT -> no reply");
            then(exchanges.get(2).isEndOfData()).isTrue();
            then(exchanges.get(4).code()).isEqualTo(-1);
        }
    }
}
