package dev.twofifty.script;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Raw replies: exact text on the wire, while the reply (default or scripted) still decides the step. */
@Timeout(10)
class RawReplyTest {

    @Test
    void a_bare_code_goes_out_as_written_and_the_default_reply_still_accepts_the_sender() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start();
                Conversation session = Conversation.afterEhlo(smtp)) {
            smtp.stubFor(onMail().willReplyRaw("250\r\n"));

            assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo("250\r\n");
            assertThat(session.send("RCPT TO:<bob@example.org>"))
                    .as("the transaction is open")
                    .isEqualTo("250 2.1.5 Recipient <bob@example.org> OK\r\n");
        }
    }

    @Test
    void a_scripted_reply_with_a_raw_form_decides_with_its_code() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start();
                Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
            smtp.stubFor(onRcpt().willReply(550, "5.1.1", "No such user").willReplyRaw("550-a\r\n550 b\r\n"));

            assertThat(session.send("RCPT TO:<bob@example.org>")).isEqualTo("550-a\r\n550 b\r\n");
            assertThat(session.send("DATA"))
                    .as("no recipient was accepted")
                    .isEqualTo("503 5.5.1 Bad sequence of commands: no valid recipients\r\n");
        }
    }

    @Test
    void replies_ending_in_a_bare_lf_are_sent_and_recorded_line_by_line() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willReplyRaw("250-first\n250 second\n"));
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().send("MAIL FROM:<ann@example.com>");
                byte[] reply = session.client().input().readNBytes("250-first\n250 second\n".length());
                assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("250-first\n250 second\n");
                session.client().send("QUIT");
            }
            SessionRecord record =
                    smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5)).get(0);
            assertThat(record.serverLines()).contains("250-first", "250 second");
        }
    }

    @Test
    void the_raw_form_is_described_and_validated() {
        assertThat(onMail().willReplyRaw("250\r\n").describe()).isEqualTo("on MAIL → raw reply \"250\\r\\n\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willReplyRaw(""))
                .withMessage("A raw reply needs at least one character; use Fault.stall() for none");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willReplyRaw("250\r\n").willFault(Fault.close()))
                .withMessage("The fault \"close without reply\" sends no reply, so the reply \"250\\r\\n\" would"
                        + " never be sent; use Fault.replyThenClose() to send a reply and then close");
    }
}
