package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.testing.RawSmtpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand connections open at the same time, each greeted, half of them completing a
 * transaction and all of them quitting, stepped in phases so that all are open together.
 */
@Timeout(60)
class ManyConnectionsTest {

    private static final int CONNECTIONS = 1000;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final FakeSmtpServer smtp = FakeSmtpServer.start();
    private final List<RawSmtpClient> clients = new ArrayList<>(CONNECTIONS);

    @AfterEach
    void stop() {
        clients.forEach(RawSmtpClient::close);
        smtp.close();
    }

    @Test
    void a_thousand_concurrent_connections_are_all_greeted_and_all_served() {
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT));
        }
        for (RawSmtpClient client : clients) {
            assertThat(client.readLine()).isEqualTo("220 localhost ESMTP TwoFifty ready");
        }
        assertThat(smtp.sessions()).hasSize(CONNECTIONS).allMatch(SessionRecord::isOpen);

        for (int i = 0; i < CONNECTIONS; i++) {
            clients.get(i).send(sends(i) ? "EHLO client" + i + ".example" : "QUIT");
        }
        for (int i = 0; i < CONNECTIONS; i++) {
            assertThat(clients.get(i).reply()).startsWith(sends(i) ? "250 " : "221 ");
        }
        for (int i = 0; i < CONNECTIONS; i += 2) {
            // One pipelined group (RFC 2920), DATA last.
            clients.get(i)
                    .sendRaw("MAIL FROM:<client" + i + "@clients.example>\r\nRCPT TO:<sink@example.org>\r\nDATA\r\n");
        }
        for (int i = 0; i < CONNECTIONS; i += 2) {
            RawSmtpClient client = clients.get(i);
            assertThat(List.of(client.reply(), client.reply(), client.reply()))
                    .satisfiesExactly(
                            mail -> assertThat(mail).startsWith("250 2.1.0"),
                            rcpt -> assertThat(rcpt).startsWith("250 2.1.5"),
                            data -> assertThat(data).startsWith("354 "));
        }
        Map<String, byte[]> expected = new HashMap<>();
        for (int i = 0; i < CONNECTIONS; i += 2) {
            byte[] content = Wire.utf8("Subject: from client " + i + "\r\n\r\n.dotted line of client " + i + "\r\n");
            expected.put("client" + i + "@clients.example", content);
            clients.get(i).sendRaw(Wire.dotStuffed(content));
            clients.get(i).sendRaw(".\r\nQUIT\r\n");
        }
        for (int i = 0; i < CONNECTIONS; i += 2) {
            assertThat(clients.get(i).reply()).startsWith("250 2.0.0 OK: queued as ");
            assertThat(clients.get(i).reply()).startsWith("221 ");
        }

        List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(CONNECTIONS, WAIT);
        assertThat(sessions).hasSize(CONNECTIONS).allSatisfy(session -> {
            assertThat(session.endedBy()).contains(SessionEnd.QUIT);
            assertThat(session.violations()).isEmpty();
        });
        List<ReceivedMessage> messages = smtp.awaitMessages(CONNECTIONS / 2, WAIT);
        assertThat(smtp.journal().messageCount()).isEqualTo(CONNECTIONS / 2);
        assertThat(messages).extracting(message -> message.envelope().sender()).doesNotHaveDuplicates();
        for (ReceivedMessage message : messages) {
            Wire.assertRawEquals(message, expected.get(message.envelope().sender()));
        }
    }

    private static boolean sends(int client) {
        return client % 2 == 0;
    }

    @Test
    void connections_over_the_limit_get_421_and_a_closed_one_frees_its_place() {
        try (FakeSmtpServer limited = FakeSmtpServer.start(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxConnections(3))
                .build())) {
            for (int i = 0; i < 3; i++) {
                clients.add(RawSessions.greeted(limited.host(), limited.port(), "client" + i + ".example"));
            }
            try (RawSmtpClient refused = RawSmtpClient.connect(limited.host(), limited.port(), WAIT)) {
                // No enhanced status code before EHLO (RFC 2034 §3).
                assertThat(refused.readLine()).isEqualTo("421 Too many connections, try again later");
                assertThat(refused.isClosedByServer()).isTrue();
            }
            assertThat(clients.get(0).command("QUIT")).startsWith("221 ");
            limited.journal().awaitEndedSessions(2, WAIT);

            try (RawSmtpClient admitted = RawSessions.greeted(limited.host(), limited.port(), "late.example")) {
                RawSessions.sendWithData(admitted, "late@example.com", "bob@example.org", "Subject: late\r\n");
            }
            assertThat(limited.awaitMessages(1, WAIT))
                    .singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("late"));
            assertThat(limited.sessions())
                    .filteredOn(session -> session.endedBy()
                            .filter(SessionEnd.SERVER_CLOSE::equals)
                            .isPresent())
                    .hasSize(1);
        }
    }
}
