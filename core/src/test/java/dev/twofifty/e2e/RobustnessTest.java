package dev.twofifty.e2e;

import static dev.twofifty.script.Rules.onConnect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.Violation;
import dev.twofifty.testing.RawSmtpClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken clients on loopback: the server records what happened, loses nothing it
 * accepted, and keeps serving everyone else. Each test keeps a bystander session open across the
 * trouble and completes a transaction on it afterwards.
 */
@Timeout(60)
class RobustnessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FakeSmtpServer smtp = FakeSmtpServer.start();

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void a_reset_in_the_middle_of_data_interrupts_the_transaction_and_journals_nothing() throws Exception {
        try (RawSmtpClient bystander = RawSessions.greeted(smtp.host(), smtp.port(), "bystander.example")) {
            RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "reset.example");
            assertThat(client.command("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            client.sendRaw("Subject: cut short\r\n\r\nthe first half of a message\r\n.not the end\r\n");

            client.socket().setSoLinger(true, 0);
            client.close();

            SessionRecord session = endedSession("reset.example");
            assertThat(session.endedBy()).contains(SessionEnd.CLIENT_CLOSE);
            assertThat(session.transactions()).singleElement().satisfies(transaction -> {
                assertThat(transaction.outcome()).isEqualTo(Outcome.INTERRUPTED);
                assertThat(transaction.messageId()).isEmpty();
                assertThat(transaction.envelope().recipientAddresses()).containsExactly("bob@example.org");
            });
            assertThat(session.violations()).extracting(Violation::type).contains(Violation.Type.CLOSED_WITHOUT_QUIT);
            assertThat(smtp.messages()).isEmpty();
            assertBystanderStillServed(bystander);
        }
    }

    @Test
    void a_reset_in_the_middle_of_a_bdat_chunk_interrupts_the_transaction_and_journals_nothing() throws Exception {
        try (RawSmtpClient bystander = RawSessions.greeted(smtp.host(), smtp.port(), "bystander.example")) {
            RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "reset.example");
            assertThat(client.command("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("250 ");
            client.sendRaw("BDAT 100000 LAST\r\nSubject: cut short\r\n\r\nonly a few octets of 100000\r\n");

            client.socket().setSoLinger(true, 0);
            client.close();

            SessionRecord session = endedSession("reset.example");
            assertThat(session.endedBy()).contains(SessionEnd.CLIENT_CLOSE);
            assertThat(session.transactions())
                    .singleElement()
                    .extracting(TransactionRecord::outcome)
                    .isEqualTo(Outcome.INTERRUPTED);
            assertThat(smtp.messages()).isEmpty();
            assertBystanderStillServed(bystander);
        }
    }

    @Test
    void many_abrupt_resets_at_every_stage_leave_the_server_serving() throws Exception {
        String[] stages = {
            "",
            "EHLO x\r\n",
            "EHLO x\r\nMAIL FROM:<a@x.example>\r\n",
            "EHLO x\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<b@y.example>\r\nDATA\r\nSubj",
        };
        try (RawSmtpClient bystander = RawSessions.greeted(smtp.host(), smtp.port(), "bystander.example")) {
            int resets = 0;
            for (int round = 0; round < 25; round++) {
                for (String stage : stages) {
                    RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT);
                    client.sendRaw(stage);
                    client.socket().setSoLinger(true, 0);
                    client.close();
                    resets++;
                }
            }

            smtp.journal().awaitEndedSessions(resets, WAIT);
            assertThat(smtp.sessions())
                    .filteredOn(session -> !session.isOpen())
                    .hasSize(resets)
                    .allSatisfy(session -> assertThat(session.endedBy()).isPresent());
            assertThat(smtp.messages()).isEmpty();
            assertBystanderStillServed(bystander);
        }
    }

    /**
     * An early talker is only detectable while the greeting is held back, as real servers do
     * (Postfix's postscreen "pregreet" test): the greeting is delayed by a rule here.
     */
    @Test
    void an_early_talker_is_recorded_as_a_violation_and_still_served() {
        smtp.stubFor(onConnect().willDelay(Duration.ofMillis(500)));
        try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT)) {
            client.send("EHLO early.example");

            assertThat(client.reply()).startsWith("220 ");
            assertThat(client.reply()).startsWith("250 ");
            byte[] expected =
                    RawSessions.sendWithData(client, "ann@example.com", "bob@example.org", "Subject: early\r\n");
            assertThat(client.command("QUIT")).startsWith("221 ");

            Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), expected);
            SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.violations()).extracting(Violation::type).containsExactly(Violation.Type.EARLY_TALKER);
            assertThat(session.endedBy()).contains(SessionEnd.QUIT);
        }
    }

    /**
     * A client that pipelines NOOPs without ever reading a reply: the server stops reading it once
     * its replies back up (so it cannot make the server buffer without bound), serves others
     * meanwhile, and when the client reads again, every reply arrives.
     */
    @Test
    void a_client_that_never_reads_is_throttled_and_does_not_block_others() throws Exception {
        long chunkCommands = 10_000;
        byte[] chunk = "NOOP\r\n".repeat((int) chunkCommands).getBytes(StandardCharsets.US_ASCII);
        // Far more than the kernel buffers of both ends can hold: the writer can only finish if the
        // server reads everything and queues the replies.
        long maxChunks = (128L << 20) / chunk.length;
        AtomicLong chunksWritten = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (RawSmtpClient flooder = RawSessions.greeted(smtp.host(), smtp.port(), "flood.example")) {
            flooder.socket().setSendBufferSize(64 * 1024);
            flooder.socket().setReceiveBufferSize(64 * 1024);
            Thread writer = new Thread(
                    () -> {
                        while (!stop.get() && chunksWritten.get() < maxChunks) {
                            flooder.sendRaw(chunk);
                            chunksWritten.incrementAndGet();
                        }
                    },
                    "noop-flood");
            writer.setDaemon(true);
            writer.start();
            Awaitility.await().atMost(WAIT).until(() -> chunksWritten.get() >= 5);

            try (RawSmtpClient other = RawSessions.greeted(smtp.host(), smtp.port(), "other.example")) {
                byte[] expected =
                        RawSessions.sendWithData(other, "ann@example.com", "bob@example.org", "Subject: meanwhile\r\n");
                Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), expected);
            }
            long[] previous = {-1};
            Awaitility.await()
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(250))
                    .alias("the server stops reading from the flooder")
                    .until(() -> {
                        long now = journaledEntries("flood.example");
                        boolean stable = now == previous[0];
                        previous[0] = now;
                        return stable;
                    });
            assertThat(writer.isAlive())
                    .as("the flooder is held back once its unread replies pile up")
                    .isTrue();
            assertThat(previous[0] / 2)
                    .as("commands the server took while the flooder did not read")
                    .isLessThan(chunksWritten.get() * chunkCommands);

            stop.set(true);
            StringBuilder drained = new StringBuilder();
            Thread reader = new Thread(() ->
                    drained.append(RawSessions.countRepliesUntil(uncheckedInput(flooder), "250 2.0.0 OK", "221 ")));
            reader.start();
            writer.join(WAIT.toMillis());
            assertThat(writer.isAlive()).isFalse();
            flooder.send("QUIT");
            reader.join(WAIT.toMillis());

            assertThat(drained.toString()).isEqualTo(String.valueOf(chunksWritten.get() * chunkCommands));
        }
        SessionRecord flood = endedSession("flood.example");
        assertThat(flood.endedBy()).contains(SessionEnd.QUIT);
        assertThat(flood.transcript())
                .hasSizeLessThanOrEqualTo(smtp.config().limits().maxTranscriptEntries());
        // Every pipelined NOOP after a NOOP breaks RFC 2920 §3.1; the record keeps only so many.
        assertThat(flood.violations()).hasSize(smtp.config().limits().maxTranscriptEntries());
    }

    @Test
    void a_client_that_sends_a_big_message_without_reading_replies_gets_it_journaled() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(Wire.utf8("Subject: big\r\n\r\n"));
        byte[] line = Wire.utf8(".a dotted line of the big message, 64 octets with its CRLF....\r\n");
        for (int i = 0; i < 8 * 1024 * 1024 / line.length; i++) {
            content.writeBytes(line);
        }
        byte[] expected = content.toByteArray();
        try (RawSmtpClient bystander = RawSessions.greeted(smtp.host(), smtp.port(), "bystander.example");
                RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT)) {
            client.sendRaw("EHLO big.example\r\nMAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n");
            client.sendRaw("DATA\r\n");
            client.sendRaw(Wire.dotStuffed(expected));
            client.sendRaw(".\r\nQUIT\r\n");

            Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), expected);
            assertBystanderStillServed(bystander);
        }
        assertThat(endedSession("big.example").endedBy()).contains(SessionEnd.QUIT);
    }

    @Test
    void a_client_that_sends_one_octet_per_write_gets_its_message_journaled_byte_for_byte() {
        byte[] content = Wire.utf8("Subject: slow\r\n\r\n.dotted\r\n..two\r\nlast line\r\n");
        byte[] conversation = concat(
                Wire.utf8("EHLO slow.example\r\nMAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n"),
                Wire.dotStuffed(content),
                Wire.utf8(".\r\nQUIT\r\n"));
        try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT)) {
            assertThat(client.reply()).startsWith("220 ");
            for (byte octet : conversation) {
                client.sendRaw(new byte[] {octet});
            }

            Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), content);
        }
        assertThat(endedSession("slow.example").endedBy()).contains(SessionEnd.QUIT);
    }

    @Test
    void plaintext_on_the_implicit_tls_port_ends_that_session_and_the_server_keeps_serving() throws Exception {
        try (FakeSmtpServer tls =
                        FakeSmtpServer.start(ServerConfig.builder().smtpsPort(0).build());
                RawSmtpClient bystander = RawSessions.greeted(tls.host(), tls.port(), "bystander.example")) {
            try (RawSmtpClient confused = RawSmtpClient.connect(tls.host(), tls.smtpsPort(), WAIT)) {
                confused.sendRaw("EHLO plaintext.example\r\n".repeat(20));
                // The server answers with at most a TLS alert, never in plaintext, and closes.
                assertThat(new String(confused.readUntilClosed(), StandardCharsets.ISO_8859_1))
                        .doesNotContain("220", "250");
            }

            SessionRecord failed = tls.journal().awaitEndedSessions(1, WAIT).stream()
                    .filter(session -> !session.isOpen())
                    .findFirst()
                    .orElseThrow();
            assertThat(failed.endedBy()).contains(SessionEnd.ERROR);
            assertThat(failed.tls()).isEmpty();
            assertThat(failed.serverLines())
                    .as("no greeting before the handshake")
                    .isEmpty();
            assertThat(failed.transcript())
                    .filteredOn(entry -> entry.line().startsWith("TLS failed: "))
                    .singleElement()
                    .satisfies(entry ->
                            assertThat(entry.line()).doesNotContain("\n").hasSizeLessThan(300));
            AngusMail angus = AngusMail.smtps(tls.host(), tls.smtpsPort()).with("ssl.trust", "*");
            angus.send(angus.textMessage("ann@example.com", "bob@example.org", "after garbage"));
            assertThat(tls.awaitMessages(1, WAIT))
                    .singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("after garbage"));
            byte[] expected =
                    RawSessions.sendWithData(bystander, "by@stander.example", "x@y.example", "Subject: bystander\r\n");
            Wire.assertRawEquals(tls.awaitMessages(2, WAIT).get(1), expected);
        }
    }

    @Test
    void a_client_that_stalls_in_the_middle_of_a_line_is_timed_out_and_others_are_served() throws Exception {
        try (FakeSmtpServer impatient = FakeSmtpServer.start(ServerConfig.builder()
                        .limits(Limits.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1)))
                        .build());
                RawSmtpClient slow = RawSmtpClient.connect(impatient.host(), impatient.port(), WAIT)) {
            assertThat(slow.reply()).startsWith("220 ");
            slow.sendRaw("EHLO slowloris.exa");

            // No enhanced status code: the client never said EHLO (RFC 2034 §3).
            assertThat(slow.reply()).isEqualTo("421 localhost Idle timeout, closing connection");
            assertThat(slow.isClosedByServer()).isTrue();
            SessionRecord session =
                    impatient.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.endedBy()).contains(SessionEnd.TIMEOUT);
            assertThat(session.clientLines()).isEmpty();
            AngusMail angus = AngusMail.smtp(impatient.host(), impatient.port());
            angus.send(angus.textMessage("ann@example.com", "bob@example.org", "after the stall"));
            assertThat(impatient.awaitMessages(1, WAIT)).hasSize(1);
        }
    }

    private SessionRecord endedSession(String ehlo) {
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> smtp.sessions().stream()
                        .anyMatch(session -> session.ehlo().filter(ehlo::equals).isPresent() && !session.isOpen()));
        return smtp.sessions().stream()
                .filter(session -> session.ehlo().filter(ehlo::equals).isPresent())
                .findFirst()
                .orElseThrow();
    }

    private long journaledEntries(String ehlo) {
        SessionRecord session = smtp.sessions().stream()
                .filter(candidate -> candidate.ehlo().filter(ehlo::equals).isPresent())
                .findFirst()
                .orElseThrow();
        return session.transcript().size() + (long) session.droppedTranscriptEntries();
    }

    /** The bystander's session, open since before the trouble, still completes a transaction. */
    private void assertBystanderStillServed(RawSmtpClient bystander) {
        long before = smtp.journal().messageCount();
        byte[] expected = RawSessions.sendWithData(
                bystander, "by@stander.example", "stander@by.example", "Subject: still here\r\n");
        ReceivedMessage received = smtp.awaitMessages((int) before + 1, WAIT).get((int) before);
        Wire.assertRawEquals(received, expected);
        assertThat(bystander.command("QUIT")).startsWith("221 ");
    }

    private static java.io.InputStream uncheckedInput(RawSmtpClient client) {
        try {
            return client.socket().getInputStream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
