package dev.twofifty.e2e;

import static dev.twofifty.script.Matchers.argument;
import static dev.twofifty.script.Rules.onAuth;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.NearMiss;
import dev.twofifty.testing.RawSmtpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AUTH secrets never reach the journal or the script's diagnostics, not even when the AUTH line is
 * malformed (PRODUCT §7: "AUTH secrets never appear in logs or journals").
 */
@Timeout(30)
class AuthSecretsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final String PLAIN = Wire.base64("\0ann\0" + PASSWORD);

    private final FakeSmtpServer smtp = FakeSmtpServer.start(
            ServerConfig.builder().credentials("ann", PASSWORD).build());

    @AfterEach
    void stop() {
        smtp.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "AUTH PLAIN %s trailing-word",
                "AUTH PLAIN %s\u0000",
                "AUTH PLAIN %s ünïcode",
                "auth plain %s =",
            })
    void a_malformed_auth_line_is_rejected_and_its_secret_is_not_recorded(String template) {
        String line = String.format(template, PLAIN);
        smtp.stubFor(onAuth().matching(argument("(?i)LOGIN.*")).willReply(535, "5.7.8", "never matches"));
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "secrets.example")) {
            client.send(line);
            assertThat(client.reply()).matches("50[01] .*");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).isEmpty();
        assertThat(session.clientLines()).anyMatch(recorded -> recorded.equalsIgnoreCase("AUTH PLAIN ****"));
        assertThat(session.violations()).isNotEmpty();
        Wire.assertNoSecrets(session, List.of(PLAIN, PASSWORD));
        assertThat(smtp.nearMisses())
                .extracting(NearMiss::describe)
                .isNotEmpty()
                .allSatisfy(miss -> assertThat(miss).doesNotContain(PLAIN));
    }

    @Test
    void a_successful_plain_exchange_in_two_steps_masks_the_response() {
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "secrets.example")) {
            assertThat(client.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(client.command(PLAIN)).startsWith("235 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).contains("ann");
        assertThat(session.clientLines()).containsSequence("AUTH PLAIN", "****");
        assertThat(session.violations()).extracting(Violation::type).isEmpty();
        Wire.assertNoSecrets(session, List.of(PLAIN, PASSWORD));
    }

    @Test
    void a_wrong_xoauth2_token_gets_the_error_challenge_and_535_after_the_empty_response() {
        String wrong = Wire.base64("user=ann\u0001auth=Bearer not-the-token\u0001\u0001");
        try (RawSmtpClient client = RawSessions.greeted(smtp.host(), smtp.port(), "secrets.example")) {
            assertThat(client.command("AUTH XOAUTH2 " + wrong)).startsWith("334 eyJzdGF0dXMiOiI0MDEi");
            assertThat(client.command("")).isEqualTo("535 5.7.8 Authentication credentials invalid");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).isEmpty();
        assertThat(session.clientLines()).containsSequence("AUTH XOAUTH2 ****", "****");
        Wire.assertNoSecrets(session, List.of(wrong, "not-the-token", PASSWORD));
    }
}
