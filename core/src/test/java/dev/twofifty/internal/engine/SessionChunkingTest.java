package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CHUNKING (RFC 3030): BDAT chunks, pipelined with other commands, and every way BDAT can go wrong. */
class SessionChunkingTest {

    private static final String ENVELOPE = "MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n";
    private static final String ENVELOPE_REPLIES =
            "250 2.1.0 Sender <ann@example.com> OK\r\n250 2.1.5 Recipient <bob@example.org> OK\r\n";

    private static SessionDriver withEnvelope(ServerConfig config) {
        SessionDriver driver = SessionDriver.afterEhlo(config);
        assertThat(driver.send(ENVELOPE)).isEqualTo(ENVELOPE_REPLIES);
        return driver;
    }

    private static SessionDriver withEnvelope() {
        return withEnvelope(ServerConfig.defaults());
    }

    @Test
    void chunks_are_acknowledged_and_the_last_one_queues_the_message() {
        SessionDriver driver = withEnvelope();

        assertThat(driver.send("BDAT 5\r\nHello")).isEqualTo("250 2.0.0 5 octets received\r\n");
        assertThat(driver.send("BDAT 9 LAST\r\n World!\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("Hello World!\r\n");
        assertThat(driver.record().transactions().get(0).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void bdat_0_last_ends_a_chunked_message() {
        SessionDriver driver = withEnvelope();
        driver.send("BDAT 4\r\nabc\n");

        assertThat(driver.send("BDAT 0 LAST\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("abc\n");
    }

    @Test
    void bdat_0_last_alone_is_an_empty_message() {
        SessionDriver driver = withEnvelope();

        assertThat(driver.send("BDAT 0 LAST\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().size()).isZero();
    }

    @Test
    void chunk_octets_are_taken_as_they_are_without_dot_unstuffing_or_an_end_of_data_line() {
        SessionDriver driver = withEnvelope();
        String chunk = "..a\r\n.\r\nb\n";

        driver.send("BDAT " + chunk.length() + " LAST\r\n" + chunk);

        assertThat(driver.onlyMessage().rawText()).isEqualTo(chunk);
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void bdat_pipelined_with_the_envelope_is_answered_in_order_in_one_flush() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.read(SessionDriver.bytes(ENVELOPE + "BDAT 5\r\nHelloBDAT 7 LAST\r\n World!NOOP\r\n"));

        assertThat(driver.flushes())
                .containsExactly(ENVELOPE_REPLIES
                        + "250 2.0.0 5 octets received\r\n"
                        + "250 2.0.0 OK: queued as 1\r\n"
                        + "250 2.0.0 OK\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("Hello World!");
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void a_chunk_fed_one_byte_per_read_gives_the_same_message() {
        SessionDriver driver = withEnvelope();

        String output = driver.sendByteByByte(SessionDriver.bytes("BDAT 6\r\nHello BDAT 6 LAST\r\nWorld!"));

        assertThat(output).isEqualTo("250 2.0.0 6 octets received\r\n250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("Hello World!");
    }

    @Test
    void bdat_without_a_transaction_consumes_its_octets_and_is_503() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("BDAT 12\r\nNOOP\r\nRSET\r\nNOOP\r\n"))
                .isEqualTo("503 5.5.1 Bad sequence of commands: send MAIL first\r\n250 2.0.0 OK\r\n");
        assertThat(driver.record().clientLines()).containsExactly("EHLO client.example", "BDAT 12", "NOOP");
    }

    @Test
    void bdat_without_an_accepted_recipient_is_503() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\n");

        assertThat(driver.send("BDAT 3 LAST\r\nabc"))
                .isEqualTo("503 5.5.1 Bad sequence of commands: no valid recipients\r\n");
        assertThat(driver.messages()).isEmpty();
    }

    @Test
    void data_after_bdat_in_one_transaction_is_503() {
        SessionDriver driver = withEnvelope();
        driver.send("BDAT 3\r\nabc");

        assertThat(driver.send("DATA\r\n"))
                .isEqualTo("503 5.5.1 Bad sequence of commands: DATA cannot follow BDAT in a transaction\r\n");
    }

    @Test
    void a_chunk_over_the_size_limit_is_552_and_later_chunks_503() {
        SessionDriver driver = withEnvelope(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxMessageSize(10))
                .build());

        assertThat(driver.send("BDAT 11\r\n" + "x".repeat(11)))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 10 octets\r\n");
        assertThat(driver.send("BDAT 1 LAST\r\ny"))
                .isEqualTo("503 5.5.1 Bad sequence of commands: an earlier BDAT of this transaction failed\r\n");
        assertThat(driver.messages()).isEmpty();
    }

    @Test
    void a_last_chunk_over_the_size_limit_is_552_and_ends_the_transaction() {
        SessionDriver driver = withEnvelope(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxMessageSize(10))
                .build());
        driver.send("BDAT 6\r\n123456");

        assertThat(driver.send("BDAT 6 LAST\r\n789012"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 10 octets\r\n");
        TransactionRecord transaction = driver.record().transactions().get(0);
        assertThat(transaction.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(transaction.contentSize()).isEqualTo(12);
        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
    }

    @Test
    void bdat_is_502_and_its_octets_consumed_when_chunking_is_disabled() {
        SessionDriver driver = withEnvelope(
                ServerConfig.builder().disable(SmtpExtension.CHUNKING).build());

        assertThat(driver.send("BDAT 6 LAST\r\nNOOP\r\nNOOP\r\n"))
                .isEqualTo("502 5.5.1 Command not implemented: BDAT\r\n250 2.0.0 OK\r\n");
        assertThat(driver.messages()).isEmpty();
    }

    @Test
    void a_malformed_bdat_is_501_and_nothing_is_consumed_as_a_chunk() {
        SessionDriver driver = withEnvelope();

        assertThat(driver.send("BDAT five\r\nNOOP\r\n"))
                .isEqualTo("501 5.5.4 Syntax: BDAT size [LAST]\r\n250 2.0.0 OK\r\n");
    }

    @Test
    void a_chunked_message_keeps_binary_octets_exactly() {
        SessionDriver driver = withEnvelope();
        byte[] binary = {0, 1, 2, (byte) 0xFF, '\r', '\n', '.', '\r', '\n'};
        byte[] command = ("BDAT " + binary.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII);

        driver.read(command, binary);

        assertThat(driver.onlyMessage().raw()).isEqualTo(binary);
    }
}
