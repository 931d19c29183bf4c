package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.testing.RawSmtpClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, greeting and stopping in-process servers, over and over. */
@Timeout(60)
class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String GREETING = "220 localhost ESMTP TwoFifty ready";

    @Test
    void start_first_greeting_and_stop_work_two_hundred_times_in_a_row() {
        for (int round = 1; round <= 200; round++) {
            FakeSmtpServer smtp = FakeSmtpServer.start();
            try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port(), WAIT)) {
                assertThat(client.readLine()).as("greeting in round %d", round).isEqualTo(GREETING);
            } finally {
                smtp.close();
            }
            assertThat(smtp.isRunning()).isFalse();
        }
    }

    @Test
    void implicit_tls_servers_start_greet_and_stop_repeatedly() throws Exception {
        for (int round = 1; round <= 20; round++) {
            try (FakeSmtpServer smtp =
                    FakeSmtpServer.start(ServerConfig.builder().smtpsPort(0).build())) {
                try (SSLSocket socket =
                        (SSLSocket) smtp.clientSslContext().getSocketFactory().createSocket()) {
                    socket.connect(new InetSocketAddress(smtp.host(), smtp.smtpsPort()), (int) WAIT.toMillis());
                    socket.setSoTimeout((int) WAIT.toMillis());
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    assertThat(in.readLine()).as("greeting in round %d", round).isEqualTo(GREETING);
                }
            }
        }
    }

    @Test
    void stopping_says_421_to_open_sessions_and_refuses_new_connections() {
        FakeSmtpServer smtp = FakeSmtpServer.start();
        int port = smtp.port();
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), port, "open.example")) {
            smtp.close();

            assertThat(client.reply()).startsWith("421 4.3.2 localhost Service shutting down");
            assertThat(client.isClosedByServer()).isTrue();
        } finally {
            smtp.close();
        }
        assertThat(smtp.isRunning()).isFalse();
        assertThat(smtp.sessions())
                .singleElement()
                .satisfies(session -> assertThat(session.endedBy()).contains(SessionEnd.SERVER_CLOSE));
        assertNoLongerAccepting(smtp, port);
    }

    /**
     * A connection to the closed server's port is refused, or, when another process has already been given the
     * freed ephemeral port, reaches a listener that is not this server: nothing new shows in its journal.
     */
    private static void assertNoLongerAccepting(FakeSmtpServer closed, int port) {
        int sessions = closed.sessions().size();
        try (RawSmtpClient late = RawSmtpClient.connect("127.0.0.1", port, WAIT)) {
            org.awaitility.Awaitility.await()
                    .during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> closed.sessions().size() == sessions);
        } catch (UncheckedIOException refused) {
            assertThat(refused).hasCauseInstanceOf(ConnectException.class);
        }
    }

    @Test
    void servers_started_side_by_side_keep_separate_journals() {
        try (FakeSmtpServer first = FakeSmtpServer.start();
                FakeSmtpServer second = FakeSmtpServer.start();
                RawSmtpClient toFirst = RawSessions.greeted(first.host(), first.port(), "first.example");
                RawSmtpClient toSecond = RawSessions.greeted(second.host(), second.port(), "second.example")) {
            RawSessions.sendWithData(toFirst, "a@example.com", "b@example.org", "Subject: first\r\n");
            RawSessions.sendWithData(toSecond, "c@example.com", "d@example.org", "Subject: second\r\n");

            assertThat(first.awaitMessages(1, WAIT))
                    .singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("first"));
            assertThat(second.awaitMessages(1, WAIT))
                    .singleElement()
                    .satisfies(m -> assertThat(m.subject()).isEqualTo("second"));
        }
    }
}
