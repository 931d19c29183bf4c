package dev.twofifty.standalone;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.AwaitTimeoutException;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the running fat jar ({@code java -jar twofifty-standalone.jar}) end to end through {@link RemoteFakeSmtp}. */
@Timeout(60)
class RemoteFakeSmtpIT {

    private static final Pattern SMTP = Pattern.compile("SMTP listening on ([0-9.]+):(\\d+)");
    private static final Pattern ADMIN = Pattern.compile("Admin API on (http://[0-9.]+:\\d+)");
    private static final String TOKEN = "it-token";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Process process;
    private int smtpPort;
    private URI adminUri;

    @BeforeEach
    void startTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("twofifty.standalone.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(
                        java,
                        "-jar",
                        jar.toString(),
                        "--smtp-port",
                        "0",
                        "--admin-port",
                        "0",
                        "--admin-token",
                        TOKEN,
                        "--quiet")
                .redirectErrorStream(true)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = output.readLine();
        Matcher smtp = SMTP.matcher(String.valueOf(first));
        assertThat(smtp.matches()).as("first line: %s", first).isTrue();
        smtpPort = Integer.parseInt(smtp.group(2));
        String second = output.readLine();
        Matcher admin = ADMIN.matcher(String.valueOf(second));
        assertThat(admin.matches()).as("second line: %s", second).isTrue();
        adminUri = URI.create(admin.group(1));
    }

    @AfterEach
    void stopTheJar() throws Exception {
        process.destroy();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_running_jar_is_scripted_and_inspected_like_an_in_process_server() throws Exception {
        try (RemoteFakeSmtp remote = RemoteFakeSmtp.connect(adminUri, RemoteOptions.DEFAULTS.withAdminToken(TOKEN))) {
            FakeSmtp smtp = remote;
            assertThat(smtp.host()).isEqualTo("127.0.0.1");
            assertThat(smtp.port()).isEqualTo(smtpPort);
            assertThat(remote.serverVersion()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");

            ActiveRule busy = smtp.stubFor(
                    onMessage().willReply(451, "4.3.0", "Try again later").times(2));
            ActiveRule blocked =
                    smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
            CompletableFuture<List<ReceivedMessage>> arriving = smtp.journal().whenMessages(1);

            int attempts = AngusSender.sendWithRetries(
                    smtp.host(), smtp.port(), "ann@example.com", "bob@example.org", "Invoice", "Please pay");

            assertThat(attempts).isEqualTo(3);
            assertThat(arriving.get(10, TimeUnit.SECONDS))
                    .singleElement()
                    .extracting(ReceivedMessage::subject)
                    .isEqualTo("Invoice");
            List<ReceivedMessage> messages = smtp.awaitMessages(1, WAIT);
            assertThat(messages).singleElement().satisfies(message -> {
                assertThat(message.envelope().sender()).isEqualTo("ann@example.com");
                assertThat(message.envelope().recipientAddresses()).containsExactly("bob@example.org");
                assertThat(message.parsed().textBody().map(String::strip)).hasValue("Please pay");
                assertThat(message.sessionId()).isEqualTo(3);
            });
            List<SessionRecord> sessions = smtp.journal().awaitEndedSessions(3, WAIT);
            assertThat(sessions)
                    .extracting(session -> session.transactions().get(0).outcome())
                    .containsExactly(
                            TransactionRecord.Outcome.REJECTED,
                            TransactionRecord.Outcome.REJECTED,
                            TransactionRecord.Outcome.ACCEPTED);
            assertThat(sessions.get(0).serverLines()).contains("451 4.3.0 Try again later");
            assertThat(busy.timesFired()).isEqualTo(2);
            assertThat(smtp.unfiredRules()).containsExactly(blocked);
            assertThat(smtp.nearMisses())
                    .extracting(NearMiss::ruleId, NearMiss::step)
                    .containsExactly(
                            tuple(blocked.id(), "RCPT TO:<bob@example.org> (session 1)"),
                            tuple(blocked.id(), "RCPT TO:<bob@example.org> (session 2)"),
                            tuple(blocked.id(), "RCPT TO:<bob@example.org> (session 3)"),
                            tuple(busy.id(), "MESSAGE (session 3)"));
            assertThat(smtp.journal().messageCount()).isEqualTo(1);
            assertThat(smtp.journal().message(1).orElseThrow().rawText()).contains("Subject: Invoice\r\n");

            assertThatThrownBy(() -> smtp.awaitMessages(2, Duration.ofMillis(200)))
                    .isInstanceOf(AwaitTimeoutException.class)
                    .hasMessageContaining("1 arrived");

            smtp.reset();

            assertThat(smtp.rules()).isEmpty();
            assertThat(smtp.messages()).isEmpty();
            assertThat(smtp.sessions()).isEmpty();
        }
    }

    @Test
    void the_running_jar_wants_its_token() {
        assertThatThrownBy(() -> RemoteFakeSmtp.connect(adminUri))
                .isInstanceOf(RemoteFakeSmtpException.class)
                .hasMessageStartingWith("GET " + adminUri + "/api/info: 401 Unauthorized: ");
    }
}
