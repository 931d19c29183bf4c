package dev.twofifty.script;

import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The faults that act on the client's pace, over real sockets: a slow reader of message content, and an
 * idle timeout armed after one reply (an unsolicited 421).
 */
@Timeout(10)
class PaceFaultTest {

    private static final Duration AWAIT = Duration.ofSeconds(5);

    @Test
    void read_slowly_makes_the_content_take_as_long_as_its_rate_says() {
        ServerConfig config = ServerConfig.builder()
                .limits(Limits.DEFAULTS.withSocketBufferSize(4096))
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            smtp.stubFor(onData().willFault(Fault.readSlowly(200_000)));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                long start = System.nanoTime();
                String reply = session.data(
                        "Subject: slow\r\n\r\n" + "x".repeat(78).concat("\r\n").repeat(2500));

                assertThat(reply).startsWith("250 2.0.0 OK: queued as ");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
            }
            assertThat(smtp.awaitMessages(1, AWAIT).get(0).raw()).hasSizeGreaterThan(200_000);
        }
    }

    @Test
    void close_when_idle_writes_an_unsolicited_421_and_closes() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().willFault(Fault.closeWhenIdle(Duration.ofMillis(100))));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: one\r\n\r\nfirst")).startsWith("250 2.0.0 OK: queued as ");

                assertThat(session.client().readRawReply())
                        .isEqualTo("421 4.4.2 localhost Idle timeout, closing connection\r\n");
                assertThat(session.client().readByte()).isEqualTo(-1);
            }
            SessionRecord ended = smtp.journal().awaitEndedSessions(1, AWAIT).get(0);
            assertThat(ended.endedBy()).contains(SessionEnd.TIMEOUT);
            assertThat(FaultTest.events(ended)).contains("fault: the client was silent for PT0.1S, 421 and close");
        }
    }

    @Test
    void a_421_with_close_when_idle_keeps_the_connection_while_the_client_talks() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRset().willReply(421, "4.3.0", "Shutting down")
                    .willFault(Fault.closeWhenIdle(Duration.ofMillis(100))));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("RSET")).isEqualTo("421 4.3.0 Shutting down\r\n");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");

                assertThat(session.client().isSilentFor(Duration.ofMillis(300))).isTrue();
                assertThat(session.send("QUIT")).isEqualTo("221 2.0.0 localhost Bye\r\n");
            }
        }
    }

    @Test
    void read_slowly_applies_to_data_or_bdat_and_needs_a_positive_rate() {
        assertThatThrownBy(() -> onMail().willFault(Fault.readSlowly(1000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fault.readSlowly applies to DATA or BDAT, not MAIL");
        assertThatThrownBy(() -> Fault.readSlowly(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The read rate must be at least 1 octet/s: 0");
        assertThatThrownBy(() -> Fault.closeWhenIdle(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The idle time must be positive: PT0S");
    }

    @Test
    void both_faults_describe_themselves_and_still_send_the_reply() {
        assertThat(onData().willFault(Fault.readSlowly(1500)).describe())
                .isEqualTo("on DATA → default reply, then fault: read the content at 1500 octets/s");
        assertThat(onMessage()
                        .willReply(250, "2.0.0", "OK")
                        .willFault(Fault.closeWhenIdle(Duration.ofSeconds(10)))
                        .describe())
                .isEqualTo("on MESSAGE → reply 250 2.0.0 OK, then fault: 421 and close after 10 s of client silence");
    }
}
