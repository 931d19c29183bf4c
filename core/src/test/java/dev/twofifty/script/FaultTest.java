package dev.twofifty.script;

import static dev.twofifty.script.Rules.onBdat;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onStartTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The faults whose effect goes beyond one reply: drops in mid-content, TLS failure, back-pressure. */
@Timeout(10)
class FaultTest {

    private static final Duration AWAIT = Duration.ofSeconds(5);

    @Test
    void close_after_content_bytes_at_data_drops_the_connection_once_that_many_octets_arrived() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onData().willFault(Fault.closeAfterContentBytes(10)));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.send("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
                session.client().sendRaw("Subject: dropped\r\n\r\nThe rest never counts.\r\n.\r\n");

                assertThat(session.client().readByte()).isEqualTo(-1);
            }
            SessionRecord ended = endedSession(smtp);
            assertThat(ended.endedBy()).contains(SessionEnd.FAULT);
            assertThat(ended.transactions()).singleElement().satisfies(transaction -> {
                assertThat(transaction.outcome()).isEqualTo(TransactionRecord.Outcome.INTERRUPTED);
                assertThat(transaction.contentSize()).isEqualTo(10);
            });
            assertThat(events(ended)).contains("fault: connection closed after 10 octets of message content");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void close_after_content_bytes_at_bdat_replies_to_the_chunk_then_drops_in_a_later_chunk() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onBdat().willFault(Fault.closeAfterContentBytes(8)));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.sendRaw("BDAT 5\r\nHello")).isEqualTo("250 2.0.0 5 octets received\r\n");
                session.client().sendRaw("BDAT 10 LAST\r\n0123456789");

                assertThat(session.client().readByte()).isEqualTo(-1);
            }
            SessionRecord ended = endedSession(smtp);
            assertThat(ended.endedBy()).contains(SessionEnd.FAULT);
            assertThat(ended.transactions()).singleElement().satisfies(transaction -> {
                assertThat(transaction.outcome()).isEqualTo(TransactionRecord.Outcome.INTERRUPTED);
                assertThat(transaction.contentSize()).isEqualTo(8);
            });
            assertThat(events(ended)).contains("fault: connection closed after 8 octets of message content");
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void tls_handshake_failure_sends_the_220_and_then_fails_the_clients_handshake() {
        ServerConfig config =
                ServerConfig.builder().enable(SmtpExtension.STARTTLS).build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            smtp.stubFor(onStartTls().willFault(Fault.tlsHandshakeFailure()));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("STARTTLS")).isEqualTo("220 2.0.0 Ready to start TLS\r\n");

                assertThatThrownBy(() -> session.client().startTls(smtp.clientSslContext()))
                        .isInstanceOf(UncheckedIOException.class)
                        .cause()
                        .isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("handshake_failure");
            }
            SessionRecord ended = endedSession(smtp);
            assertThat(ended.endedBy()).contains(SessionEnd.FAULT);
            assertThat(ended.tls()).isEmpty();
            assertThat(events(ended)).contains("fault: TLS handshake failed with a handshake_failure alert");
        }
    }

    @Test
    void stop_reading_makes_a_client_writing_a_lot_block_while_the_server_serves_other_connections() {
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onData().willFault(Fault.stopReading()));
            long total = 128L << 20;
            AtomicLong written = new AtomicLong();

            try (Conversation stuck = Conversation.inTransaction(smtp, "ann@example.com")) {
                stuck.send("RCPT TO:<bob@example.org>");
                assertThat(stuck.send("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>\r\n");
                CompletableFuture<Void> writing = CompletableFuture.runAsync(
                        () -> writeLines(stuck.client().output(), total, written), writerThread);

                long[] previous = {-1};
                await("the client's writes to stop making progress")
                        .atMost(AWAIT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            long now = written.get();
                            boolean stalled = now == previous[0];
                            previous[0] = now;
                            return stalled;
                        });
                assertThat(writing).isNotDone();
                assertThat(written.get()).isLessThan(total / 2);

                try (Conversation other = Conversation.afterEhlo(smtp)) {
                    assertThat(other.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                }
            }
        } finally {
            writerThread.shutdownNow();
        }
    }

    @Test
    void the_default_garbage_is_not_an_smtp_reply() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willFault(Fault.garbageThenClose()));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().send("MAIL FROM:<ann@example.com>");

                assertThat(session.client().readUntilClosed())
                        .containsExactly(
                                0x00, 0xff, 0xfe, ' ', 'g', 'a', 'r', 'b', 'a', 'g', 'e', ' ', 0xe9, 0x01, '\r', '\n');
            }
        }
    }

    @Test
    void a_delay_before_a_fault_holds_back_the_fault() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willDelay(Duration.ofMillis(150)).willFault(Fault.close()));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                long start = System.nanoTime();
                session.client().send("MAIL FROM:<ann@example.com>");

                assertThat(session.client().readByte()).isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            }
        }
    }

    static Stream<Arguments> faultsAndTheirTranscriptEvents() {
        return Stream.of(
                Arguments.of(Fault.close(), "fault: connection closed without a reply"),
                Arguments.of(Fault.reset(), "fault: connection reset without a reply"),
                Arguments.of(Fault.stall(), "fault: stall, no reply and the connection kept open"),
                Arguments.of(Fault.replyThenClose(), "fault: close after the reply"),
                Arguments.of(
                        Fault.garbageThenClose(new byte[] {'x', '\r', '\n'}), "fault: 3 octets of garbage, then close"),
                Arguments.of(Fault.stopReading(), "fault: stopped reading from the connection"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faultsAndTheirTranscriptEvents")
    void every_fault_is_recorded_in_the_transcript_after_the_rule_that_fired(Fault fault, String event) {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            String id = smtp.stubFor(onMail().willFault(fault)).id();

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().send("MAIL FROM:<ann@example.com>");

                await().atMost(AWAIT)
                        .untilAsserted(() -> assertThat(events(smtp.sessions().get(0)))
                                .containsSubsequence("rule " + id + " fired", event));
            }
        }
    }

    private static void writeLines(OutputStream out, long total, AtomicLong written) {
        byte[] chunk = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd\r\n"
                .repeat(1024)
                .getBytes(StandardCharsets.US_ASCII);
        try {
            while (written.get() < total) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // The test closed the connection to unblock this write.
        }
    }

    private static SessionRecord endedSession(FakeSmtpServer smtp) {
        return smtp.journal().awaitEndedSessions(1, AWAIT).get(0);
    }

    static List<String> events(SessionRecord session) {
        return session.transcript().stream()
                .filter(entry -> entry.kind() == TranscriptEntry.Kind.EVENT)
                .map(TranscriptEntry::line)
                .toList();
    }
}
