package dev.twofifty.assertj;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.assertj.TestData.expectAssertionError;
import static dev.twofifty.assertj.TestData.lines;
import static org.assertj.core.api.BDDAssertions.then;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.SessionEnd;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Session and message checks on transcripts the real server records, for clients that behave in different ways. */
@Timeout(10)
class SessionAssertIntegrationTest {

    @Nested
    class StartTlsAndAuth {

        @Test
        void should_see_starttls_then_ehlo_again_then_auth() {
            ServerConfig config = ServerConfig.builder()
                    .enable(SmtpExtension.STARTTLS)
                    .credentials("ann", "secret")
                    .build();
            try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
                // GIVEN
                String plain = Base64.getEncoder().encodeToString("\0ann\0secret".getBytes(StandardCharsets.UTF_8));
                try (SmtpClient client = SmtpClient.connect(smtp.port())) {
                    client.command("EHLO client.example");
                    then(client.command("STARTTLS")).startsWith("220");
                    client.startTls(smtp.clientSslContext());
                    client.command("EHLO client.example");
                    then(client.command("AUTH PLAIN " + plain)).startsWith("235");
                    client.command("QUIT");
                }
                smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
                // THEN
                assertThat(smtp)
                        .lastSession()
                        .usedStartTls()
                        .resentEhloAfterTls()
                        .usedStartTlsBeforeAuth()
                        .usedTls()
                        .isAuthenticatedAs("ann")
                        .gotReply("AUTH", 235)
                        .hasCommands("EHLO", "STARTTLS", "EHLO", "AUTH", "QUIT")
                        .sentQuitAndWaitedForReply()
                        .transcript()
                        .containsClientLine("AUTH PLAIN ****")
                        .doesNotContainClientLine("AUTH PLAIN " + plain);
            }
        }
    }

    @Nested
    class Pipelining {

        @Test
        void should_see_commands_sent_in_one_write_as_pipelined() {
            try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
                // GIVEN
                try (SmtpClient client = SmtpClient.connect(smtp.port())) {
                    client.command("EHLO client.example");
                    client.sendRaw("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
                    then(List.of(client.reply(), client.reply(), client.reply()))
                            .extracting(reply -> reply.substring(0, 3))
                            .containsExactly("250", "250", "354");
                    client.command("Subject: Dots\r\n\r\n..leading dot\r\n...\r\n.");
                    client.command("QUIT");
                }
                smtp.journal().awaitEndedSessions(1, Duration.ofSeconds(5));
                // THEN
                assertThat(smtp).lastSession().pipelined().gotReply("DATA", 354).endedBy(SessionEnd.QUIT);
                assertThat(smtp).message(0).hasLines(".leading dot", "..").hasTextBody(".leading dot\r\n..");
                // WHEN
                AssertionError error = expectAssertionError(
                        () -> assertThat(smtp).lastSession().didNotPipeline());
                // THEN
                then(error)
                        .hasMessage(lines("""

                        Expecting actual:
                          session 1 from %s
                        not to have pipelined but it sent these lines together, each before the reply to the one before:
                          [batch 2] MAIL FROM:<ann@example.com>, RCPT TO:<bob@example.com>, DATA""".formatted(smtp.sessions().get(0).remoteAddress())));
            }
        }
    }
}
