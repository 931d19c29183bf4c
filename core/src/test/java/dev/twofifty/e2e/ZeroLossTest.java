package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.testing.RawSmtpClient;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Zero lost messages (PRODUCT §7): parallel clients of four kinds each send their messages; the
 * journal then holds exactly one entry per message, byte for byte what its client sent, paired by a
 * unique id in the message.
 */
@Timeout(60)
class ZeroLossTest {

    private static final int MESSAGES_PER_CLIENT = 50;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern ID = Pattern.compile("X-Zero-Loss-Id: (\\S+)\r\n");

    private final FakeSmtpServer smtp = FakeSmtpServer.start();
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(9);

    /** What a client sent: the expected content and recipient. */
    private record Sent(byte[] content, String recipient) {}

    @AfterEach
    void stop() {
        pool.shutdownNow();
        smtp.close();
    }

    @Test
    void eight_parallel_clients_of_fifty_messages_each_give_exactly_four_hundred_byte_exact_entries() throws Exception {
        List<Callable<Void>> clients = List.of(
                () -> angusOneConnection("angus-kept-1"),
                () -> angusOneConnection("angus-kept-2"),
                () -> angusConnectionPerMessage("angus-new-1"),
                () -> angusConnectionPerMessage("angus-new-2"),
                () -> rawPipelinedData("raw-data-1"),
                () -> rawPipelinedData("raw-data-2"),
                () -> rawPipelinedBdat("raw-bdat-1"),
                () -> rawPipelinedBdat("raw-bdat-2"));

        runAll(clients);

        assertEveryMessageJournaledOnce(clients.size() * MESSAGES_PER_CLIENT);
    }

    @Test
    void clients_resetting_mid_data_alongside_lose_none_of_the_accepted_messages() throws Exception {
        List<Callable<Void>> clients = List.of(
                () -> rawPipelinedData("raw-data-1"),
                () -> rawPipelinedBdat("raw-bdat-1"),
                () -> angusOneConnection("angus-kept-1"),
                () -> resetMidData(100));

        runAll(clients);

        assertEveryMessageJournaledOnce(3 * MESSAGES_PER_CLIENT);
        assertThat(smtp.sessions())
                .flatExtracting(SessionRecord::transactions)
                .filteredOn(transaction -> transaction.outcome() == Outcome.INTERRUPTED)
                .hasSize(100);
    }

    private void runAll(List<Callable<Void>> clients) throws Exception {
        List<Future<Void>> running = new ArrayList<>();
        clients.forEach(client -> running.add(pool.submit(client)));
        for (Future<Void> client : running) {
            client.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void assertEveryMessageJournaledOnce(int expectedCount) {
        List<ReceivedMessage> received = smtp.awaitMessages(expectedCount, WAIT);
        smtp.journal().awaitEndedSessions(smtp.sessions().size(), WAIT);
        assertThat(smtp.journal().messageCount()).isEqualTo(expectedCount);
        assertThat(received).hasSize(expectedCount);
        assertThat(sent).hasSize(expectedCount);
        List<String> ids = new ArrayList<>();
        for (ReceivedMessage message : received) {
            Matcher id = ID.matcher(message.rawText());
            assertThat(id.find()).as("%s carries its id", message).isTrue();
            ids.add(id.group(1));
            Sent expected = sent.get(id.group(1));
            assertThat(expected).as("message %s was sent", id.group(1)).isNotNull();
            Wire.assertRawEquals(message, expected.content());
            assertThat(message.envelope().recipientAddresses()).containsExactly(expected.recipient());
        }
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent.keySet());
        long accepted = smtp.sessions().stream()
                .flatMap(session -> session.transactions().stream())
                .filter(transaction -> transaction.outcome() == Outcome.ACCEPTED)
                .count();
        assertThat(accepted).isEqualTo(expectedCount);
    }

    // ---- the clients

    /** Angus Mail, all messages over one connection. */
    private Void angusOneConnection(String client) throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port());
        try (Transport transport = angus.connect()) {
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                MimeMessage message = angusMessage(angus, client + "-" + i);
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return null;
    }

    /** Angus Mail, a new connection for every message. */
    private Void angusConnectionPerMessage(String client) throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port());
        for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
            angus.send(angusMessage(angus, client + "-" + i));
        }
        return null;
    }

    private MimeMessage angusMessage(AngusMail angus, String id) throws Exception {
        String recipient = id + "@rcpt.example";
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("sender@zero-loss.example"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses(recipient));
        message.setSubject("zero loss " + id);
        message.setHeader("X-Zero-Loss-Id", id);
        message.setText(AngusMail.DOTTED_BODY + "id " + id + "\r\n");
        message.saveChanges();
        sent.put(id, new Sent(Wire.angusContent(message), recipient));
        return message;
    }

    /**
     * Raw DATA with pipelining: MAIL, RCPT and DATA in one write, and each message's content, its
     * final dot and the next MAIL, RCPT and DATA in the next.
     */
    private Void rawPipelinedData(String client) {
        try (RawSmtpClient raw = RawSessions.greeted(smtp.host(), smtp.port(), client + ".example")) {
            raw.sendRaw(envelope(client + "-0") + "DATA\r\n");
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                String id = client + "-" + i;
                assertThat(raw.reply()).startsWith("250 2.1.0");
                assertThat(raw.reply()).startsWith("250 2.1.5");
                assertThat(raw.reply()).startsWith("354 ");
                byte[] content = rawContent(id);
                sent.put(id, new Sent(content, id + "@rcpt.example"));
                boolean last = i == MESSAGES_PER_CLIENT - 1;
                String next = last ? "QUIT\r\n" : envelope(client + "-" + (i + 1)) + "DATA\r\n";
                raw.sendRaw(concat(Wire.dotStuffed(content), Wire.utf8(".\r\n" + next)));
                assertThat(raw.reply()).startsWith("250 2.0.0 OK: queued as ");
            }
            assertThat(raw.reply()).startsWith("221 ");
        }
        return null;
    }

    /** Raw BDAT, all transactions and QUIT pipelined in one write, then all replies read. */
    private Void rawPipelinedBdat(String client) {
        try (RawSmtpClient raw = RawSessions.greeted(smtp.host(), smtp.port(), client + ".example")) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                String id = client + "-" + i;
                byte[] content = rawContent(id);
                sent.put(id, new Sent(content, id + "@rcpt.example"));
                all.writeBytes(Wire.utf8(envelope(id) + "BDAT " + content.length + " LAST\r\n"));
                all.writeBytes(content);
            }
            all.writeBytes(Wire.utf8("QUIT\r\n"));
            raw.sendRaw(all.toByteArray());
            for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
                assertThat(raw.reply()).startsWith("250 2.1.0");
                assertThat(raw.reply()).startsWith("250 2.1.5");
                assertThat(raw.reply()).startsWith("250 2.0.0 OK: queued as ");
            }
            assertThat(raw.reply()).startsWith("221 ");
        }
        return null;
    }

    /** Opens sessions that reset the connection in the middle of message content. */
    private Void resetMidData(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            RawSmtpClient raw = RawSessions.greeted(smtp.host(), smtp.port(), "reset.example");
            raw.sendRaw(envelope("reset-" + i) + "DATA\r\n");
            assertThat(raw.reply()).startsWith("250 ");
            assertThat(raw.reply()).startsWith("250 ");
            assertThat(raw.reply()).startsWith("354 ");
            raw.sendRaw("X-Zero-Loss-Id: reset-" + i + "\r\n\r\nnever finished\r\n");
            raw.socket().setSoLinger(true, 0);
            raw.close();
        }
        return null;
    }

    private static String envelope(String id) {
        return "MAIL FROM:<sender@zero-loss.example>\r\nRCPT TO:<" + id + "@rcpt.example>\r\n";
    }

    private static byte[] rawContent(String id) {
        return Wire.utf8("X-Zero-Loss-Id: " + id + "\r\nSubject: zero loss " + id + "\r\n\r\n"
                + ".a dotted line\r\n.\r\n..\r\nid " + id + "\r\n");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
