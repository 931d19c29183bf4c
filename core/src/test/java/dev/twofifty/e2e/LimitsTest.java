package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.testing.RawSmtpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limits that protect the server's memory against hostile clients, over real sockets: each is
 * enforced with a clear reply, keeps nothing past the limit, and leaves the server serving. (Too many
 * connections: {@link ManyConnectionsTest}; a flood of pipelined commands: {@link RobustnessTest}.)
 */
@Timeout(60)
class LimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MIB = 1 << 20;

    private final List<FakeSmtpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(FakeSmtpServer::close);
    }

    private FakeSmtpServer start(Limits limits) {
        FakeSmtpServer server = FakeSmtpServer.start(ServerConfig.builder()
                .credentials("ann", "secret")
                .limits(limits)
                .build());
        servers.add(server);
        return server;
    }

    @Test
    void a_line_of_sixteen_mebibytes_without_a_line_end_is_skipped_and_answered_500() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS);
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "long.example")) {
            byte[] chunk = new byte[MIB];
            Arrays.fill(chunk, (byte) 'x');
            client.sendRaw("NOOP ");
            for (int i = 0; i < 16; i++) {
                client.sendRaw(chunk);
            }

            // With AUTH on, lines up to maxAuthLineLength are read as lines; the reply names the command limit.
            assertThat(client.command(""))
                    .isEqualTo("500 5.5.2 Line too long, at most 512 octets (RFC 5321 section 4.5.3.1.4)");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.clientLines())
                .hasSize(4)
                .element(1)
                .asString()
                .startsWith("NOOP xxx")
                .endsWith(" [...]")
                .hasSizeLessThan(300);
    }

    @Test
    void a_message_of_thirty_two_mebibytes_over_a_limit_of_one_is_552_and_nothing_of_it_is_kept() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS.withMaxMessageSize(MIB));
        byte[] line = Wire.utf8("x".repeat(78) + "\r\n");
        long sentOctets = 0;
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "big.example")) {
            assertThat(client.command("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            byte[] block = new byte[line.length * 8192];
            for (int i = 0; i < 8192; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            for (int i = 0; i < 32 * MIB / block.length; i++) {
                client.sendRaw(block);
                sentOctets += block.length;
            }

            assertThat(client.command("."))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 1048576 octets");
            byte[] expected =
                    RawSessions.sendWithData(client, "ann@example.com", "bob@example.org", "Subject: small\r\n");
            Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), expected);
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        TransactionRecord refused = session.transactions().get(0);
        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(sentOctets).isGreaterThan(31L * MIB);
        assertThat(refused.contentSize()).as("counted, not stored").isEqualTo(sentOctets);
        assertThat(smtp.journal().messageCount()).isEqualTo(1);
    }

    @Test
    void a_bdat_chunk_over_the_limit_is_read_to_its_end_and_answered_552() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS.withMaxMessageSize(MIB));
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "bdat.example")) {
            assertThat(client.command("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("250 ");
            byte[] chunk = new byte[8 * MIB];
            Arrays.fill(chunk, (byte) 'y');
            client.sendRaw("BDAT " + chunk.length + " LAST\r\n");
            client.sendRaw(chunk);

            assertThat(client.reply())
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 1048576 octets");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).transactions())
                .singleElement()
                .satisfies(transaction -> {
                    assertThat(transaction.outcome()).isEqualTo(Outcome.REJECTED);
                    assertThat(transaction.contentSize()).isEqualTo(8L * MIB);
                });
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void a_declared_size_over_the_limit_is_refused_at_mail() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS.withMaxMessageSize(MIB));
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "size.example")) {
            assertThat(client.command("MAIL FROM:<ann@example.com> SIZE=" + (MIB + 1)))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 1048576 octets");
        }
    }

    @Test
    void recipients_past_the_limit_get_452_and_the_message_has_the_accepted_ones() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS);
        StringBuilder pipelined = new StringBuilder("MAIL FROM:<ann@example.com>\r\n");
        for (int i = 0; i < 150; i++) {
            pipelined.append("RCPT TO:<r").append(i).append("@example.org>\r\n");
        }
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "many.example")) {
            client.sendRaw(pipelined.toString());
            assertThat(client.reply()).startsWith("250 2.1.0");
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                replies.add(client.reply());
            }
            assertThat(replies.subList(0, 100)).allMatch(reply -> reply.startsWith("250 2.1.5"));
            assertThat(replies.subList(100, 150)).containsOnly("452 4.5.3 Too many recipients");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: many\r\n\r\nbody\r\n.")).startsWith("250 2.0.0 OK: queued as ");
        }
        assertThat(smtp.awaitMessages(1, WAIT).get(0).envelope().recipientAddresses())
                .hasSize(100)
                .startsWith("r0@example.org")
                .endsWith("r99@example.org");
    }

    @Test
    void too_many_invalid_commands_end_the_session_with_421() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS.withMaxInvalidCommands(10));
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "errors.example")) {
            client.sendRaw("XYZZY\r\n".repeat(20));
            for (int i = 0; i < 10; i++) {
                assertThat(client.reply()).isEqualTo("500 5.5.1 Command unrecognized");
            }
            assertThat(client.reply()).isEqualTo("421 4.7.0 Too many errors, closing connection");
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).endedBy()).contains(SessionEnd.SERVER_CLOSE);
    }

    @Test
    void the_journal_keeps_its_capacity_and_counts_what_it_evicted() {
        FakeSmtpServer smtp = start(Limits.DEFAULTS.withJournalCapacity(5));
        for (int i = 0; i < 12; i++) {
            try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "c" + i + ".example")) {
                RawSessions.sendWithData(client, "ann@example.com", "bob@example.org", "Subject: " + i + "\r\n");
                assertThat(client.command("QUIT")).startsWith("221 ");
            }
        }
        Awaitility.await().atMost(WAIT).until(() -> smtp.journal().evictedSessions() == 7);

        assertThat(smtp.messages()).extracting(message -> message.subject()).containsExactly("7", "8", "9", "10", "11");
        assertThat(smtp.journal().evictedMessages()).isEqualTo(7);
        assertThat(smtp.sessions()).hasSize(5);
    }
}
