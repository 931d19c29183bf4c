package dev.twofifty.internal.engine;

import static dev.twofifty.internal.engine.SessionDriver.EHLO_REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PIPELINING (RFC 2920): replies in order, one flush per read burst, and the violations of clients that pipeline wrongly. */
class SessionPipeliningTest {

    private static final String MAIL = "MAIL FROM:<ann@example.com>\r\n";
    private static final String RCPTS = "RCPT TO:<bob@example.org>\r\nRCPT TO:<carl@example.net>\r\n";
    private static final String ENVELOPE_REPLIES = "250 2.1.0 Sender <ann@example.com> OK\r\n"
            + "250 2.1.5 Recipient <bob@example.org> OK\r\n"
            + "250 2.1.5 Recipient <carl@example.net> OK\r\n";
    private static final String START_INPUT = "354 End data with <CR><LF>.<CR><LF>\r\n";

    @Test
    void pipelined_batch_gets_replies_in_order_in_one_flush() {
        SessionDriver driver = SessionDriver.connected();

        driver.read(SessionDriver.bytes("EHLO client.example\r\n" + MAIL + RCPTS + "DATA\r\n"));

        assertThat(driver.flushes()).containsExactly(EHLO_REPLY + ENVELOPE_REPLIES + START_INPUT);
        assertThat(driver.transport.unflushed()).isEmpty();
    }

    @Test
    void a_pipelined_envelope_after_the_ehlo_reply_is_not_a_violation() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.read(SessionDriver.bytes(MAIL + RCPTS + "DATA\r\n"));

        assertThat(driver.flushes()).containsExactly(ENVELOPE_REPLIES + START_INPUT);
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void nothing_is_flushed_before_the_read_burst_ends() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.session.onInput(ByteBuffer.wrap(SessionDriver.bytes(MAIL)));
        driver.session.onInput(ByteBuffer.wrap(SessionDriver.bytes(RCPTS)));

        assertThat(driver.flushes()).isEmpty();
        assertThat(driver.transport.unflushed()).isEqualTo(ENVELOPE_REPLIES);

        driver.session.onReadComplete();

        assertThat(driver.flushes()).containsExactly(ENVELOPE_REPLIES);
    }

    @Test
    void pipelined_lines_and_their_replies_share_a_batch_number_in_the_transcript() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.send(MAIL + RCPTS);

        List<TranscriptEntry> transcript = driver.record().transcript();
        List<TranscriptEntry> clientLines =
                transcript.stream().filter(TranscriptEntry::isClientLine).toList();
        List<TranscriptEntry> serverLines =
                transcript.stream().filter(TranscriptEntry::isServerLine).toList();
        assertThat(clientLines)
                .extracting(TranscriptEntry::line, TranscriptEntry::batch)
                .containsExactly(
                        tuple("EHLO client.example", 1),
                        tuple("MAIL FROM:<ann@example.com>", 2),
                        tuple("RCPT TO:<bob@example.org>", 2),
                        tuple("RCPT TO:<carl@example.net>", 2));
        assertThat(serverLines.subList(serverLines.size() - 3, serverLines.size()))
                .extracting(TranscriptEntry::line, TranscriptEntry::batch)
                .containsExactly(
                        tuple("250 2.1.0 Sender <ann@example.com> OK", 3),
                        tuple("250 2.1.5 Recipient <bob@example.org> OK", 3),
                        tuple("250 2.1.5 Recipient <carl@example.net> OK", 3));
    }

    @Test
    void commands_in_separate_reads_are_flushed_separately() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.read(SessionDriver.bytes(MAIL));
        driver.read(SessionDriver.bytes("RCPT TO:<bob@example.org>\r\n"));

        assertThat(driver.flushes())
                .containsExactly(
                        "250 2.1.0 Sender <ann@example.com> OK\r\n", "250 2.1.5 Recipient <bob@example.org> OK\r\n");
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void commands_after_ehlo_in_the_same_batch_are_a_violation() {
        SessionDriver driver = SessionDriver.connected();

        driver.send("EHLO client.example\r\n" + MAIL);

        assertThat(driver.violations()).containsExactly(Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND);
    }

    @Test
    void commands_after_noop_in_the_same_batch_are_a_violation() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("NOOP\r\n" + MAIL))
                .isEqualTo("250 2.0.0 OK\r\n250 2.1.0 Sender <ann@example.com> OK\r\n");
        assertThat(driver.record().violations())
                .extracting(Violation::detail)
                .containsExactly("MAIL was sent before the reply to NOOP, which must end a pipelined group");
    }

    @Test
    void message_content_in_the_same_read_as_data_is_a_violation() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send(MAIL + "RCPT TO:<bob@example.org>\r\n");

        assertThat(driver.send("DATA\r\nSubject: early\r\n\r\n.\r\n"))
                .isEqualTo(START_INPUT + "250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND);
    }

    @Test
    void pipelining_without_pipelining_advertised_is_a_violation_recorded_once() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.PIPELINING).build());

        assertThat(driver.send(MAIL + RCPTS)).isEqualTo(ENVELOPE_REPLIES);
        assertThat(driver.violations()).containsExactly(Violation.Type.PIPELINING_NOT_ADVERTISED);
    }

    @Test
    void pipelining_after_helo_is_a_violation() {
        SessionDriver driver = SessionDriver.connected();
        driver.send("HELO client.example\r\n");

        driver.send(MAIL + "RCPT TO:<bob@example.org>\r\n");

        assertThat(driver.violations()).containsExactly(Violation.Type.PIPELINING_NOT_ADVERTISED);
    }

    @Test
    void one_byte_per_read_flushes_each_reply_as_soon_as_its_line_is_complete() {
        SessionDriver driver = SessionDriver.afterEhlo();

        for (byte b : SessionDriver.bytes(MAIL + "NOOP\r\n")) {
            driver.read(new byte[] {b});
        }

        assertThat(driver.flushes()).containsExactly("250 2.1.0 Sender <ann@example.com> OK\r\n", "250 2.0.0 OK\r\n");
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void a_full_pipelined_session_is_answered_in_one_flush_per_read() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.read(SessionDriver.bytes(MAIL + RCPTS + "DATA\r\n"));
        driver.read(SessionDriver.bytes("Subject: hi\r\n\r\nHello\r\n.\r\nQUIT\r\n"));

        assertThat(driver.flushes())
                .containsExactly(
                        ENVELOPE_REPLIES + START_INPUT, "250 2.0.0 OK: queued as 1\r\n221 2.0.0 localhost Bye\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("Subject: hi\r\n\r\nHello\r\n");
    }

    /**
     * Backpressure: while the client does not take its replies, its pipelined commands wait in the
     * input (reading stops), so the replies queued for it stay bounded; they go on once it does.
     */
    @Test
    void pipelined_commands_wait_while_the_client_does_not_take_its_replies() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.transport.writeBudget(30);
        driver.transport.drain();

        driver.read(SessionDriver.bytes("NOOP\r\n".repeat(5) + MAIL));

        assertThat(driver.output()).isEqualTo("250 2.0.0 OK\r\n".repeat(3));
        driver.drain();
        assertThat(driver.output())
                .isEqualTo("250 2.0.0 OK\r\n".repeat(2) + "250 2.1.0 Sender <ann@example.com> OK\r\n");
        driver.drain();
        assertThat(driver.output()).isEmpty();
        assertThat(driver.record().clientLines()).hasSize(7);
    }
}
