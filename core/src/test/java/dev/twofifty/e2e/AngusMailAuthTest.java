package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Angus Mail authenticating with each SASL mechanism the server offers (RFC 4954): the message
 * arrives byte for byte, the session knows who sent it, and no secret is recorded in any form.
 */
@Timeout(30)
class AngusMailAuthTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String USER = "ann";
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final String TOKEN = "ya29.fake-bearer-token-0123456789";

    private final FakeSmtpServer smtp = FakeSmtpServer.start(ServerConfig.builder()
            .credentials(USER, PASSWORD)
            .credentials("oauth-user@example.com", TOKEN)
            .requireAuth(true)
            .build());

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void plain_authenticates_and_masks_the_initial_response() throws Exception {
        AngusMail angus = client().with("auth.mechanisms", "PLAIN");

        SessionRecord session = sendAndCheck(angus, USER, PASSWORD);

        assertThat(session.clientLines()).contains("AUTH PLAIN ****");
        Wire.assertNoSecrets(session, List.of(PASSWORD, "\0" + USER + "\0" + PASSWORD));
    }

    @Test
    void login_authenticates_and_masks_both_responses() throws Exception {
        AngusMail angus = client().with("auth.mechanisms", "LOGIN");

        SessionRecord session = sendAndCheck(angus, USER, PASSWORD);

        List<String> lines = session.clientLines();
        int auth = lines.indexOf("AUTH LOGIN");
        assertThat(auth).isNotNegative();
        assertThat(lines.subList(auth + 1, auth + 3)).containsExactly("****", "****");
        assertThat(session.serverLines())
                .contains("334 " + Wire.base64("Username:"), "334 " + Wire.base64("Password:"));
        Wire.assertNoSecrets(session, List.of(PASSWORD));
    }

    @Test
    void cram_md5_through_sasl_authenticates_and_masks_the_digest() throws Exception {
        AngusMail angus = client().with("sasl.enable", "true").with("sasl.mechanisms", "CRAM-MD5");

        SessionRecord session = sendAndCheck(angus, USER, PASSWORD);

        assertThat(session.clientLines()).containsSequence("AUTH CRAM-MD5", "****");
        String challenge = session.serverLines().stream()
                .filter(line -> line.startsWith("334 "))
                .map(line -> new String(Base64.getDecoder().decode(line.substring(4)), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow();
        String digest = hmacMd5Hex(PASSWORD, challenge);
        Wire.assertNoSecrets(session, List.of(PASSWORD, digest, USER + " " + digest));
    }

    @Test
    void xoauth2_authenticates_with_the_token_as_password_and_masks_it() throws Exception {
        AngusMail angus = client().with("auth.mechanisms", "XOAUTH2").with("auth.xoauth2.disable", "false");

        SessionRecord session = sendAndCheck(angus, "oauth-user@example.com", TOKEN);

        assertThat(session.clientLines()).contains("AUTH XOAUTH2 ****");
        Wire.assertNoSecrets(
                session, List.of(TOKEN, "user=oauth-user@example.com\u0001auth=Bearer " + TOKEN + "\u0001\u0001"));
    }

    @Test
    void a_wrong_password_fails_authentication_and_is_not_recorded() throws Exception {
        AngusMail angus = client().with("auth.mechanisms", "PLAIN");
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Wrong password");
        String wrong = "not-the-Pa55word";

        AuthenticationFailedException failure =
                catchThrowableOfType(AuthenticationFailedException.class, () -> angus.send(message, USER, wrong));

        assertThat(failure).hasMessageContaining("535");
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).isEmpty();
        assertThat(session.serverLines()).contains("535 5.7.8 Authentication credentials invalid");
        Wire.assertNoSecrets(session, List.of(wrong, "\0" + USER + "\0" + wrong));
        assertThat(smtp.messages()).isEmpty();
    }

    /**
     * On a wrong token the server sends the XOAUTH2 error challenge (a 334 with a JSON status);
     * Angus Mail then gives up and closes without the empty response the mechanism expects, and
     * without QUIT, which the journal records as the client's doing.
     */
    @Test
    void a_wrong_xoauth2_token_gets_the_error_challenge_and_angus_hangs_up() throws Exception {
        AngusMail angus = client().with("auth.mechanisms", "XOAUTH2").with("auth.xoauth2.disable", "false");
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Wrong token");
        String wrong = "ya29.not-the-token";

        catchThrowableOfType(
                AuthenticationFailedException.class, () -> angus.send(message, "oauth-user@example.com", wrong));

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).isEmpty();
        assertThat(session.serverLines()).last().asString().startsWith("334 eyJzdGF0dXMiOiI0MDEi");
        assertThat(session.clientLines()).last().isEqualTo("AUTH XOAUTH2 ****");
        assertThat(session.endedBy()).contains(SessionEnd.CLIENT_CLOSE);
        assertThat(session.violations())
                .extracting(Violation::type)
                .containsExactly(Violation.Type.CLOSED_WITHOUT_QUIT);
        Wire.assertNoSecrets(session, List.of(wrong, TOKEN));
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void a_client_that_does_not_authenticate_gets_530_and_nothing_is_journaled() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port());
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "No AUTH");

        MessagingException failure = catchThrowableOfType(MessagingException.class, () -> angus.send(message));

        assertThat(failure).hasMessageContaining("530");
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).doesNotContain("AUTH", "DATA");
        assertThat(session.serverLines()).contains("530 5.7.0 Authentication required");
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void auth_after_starttls_on_a_server_that_requires_both() throws Exception {
        try (FakeSmtpServer strict = FakeSmtpServer.start(ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .credentials(USER, PASSWORD)
                .requireTls(true)
                .requireAuth(true)
                .build())) {
            AngusMail angus = AngusMail.smtp(strict.host(), strict.port())
                    .with("auth", "true")
                    .with("starttls.enable", "true")
                    .with("starttls.required", "true")
                    .with("ssl.socketFactory", strict.clientSslContext().getSocketFactory());
            MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "TLS and AUTH");
            byte[] expected = Wire.angusContent(message);

            angus.send(message, USER, PASSWORD);

            Wire.assertRawEquals(strict.awaitMessages(1, WAIT).get(0), expected);
            SessionRecord session = strict.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.tls()).isPresent();
            assertThat(session.authenticatedAs()).contains(USER);
            assertThat(session.commands()).startsWith("EHLO", "STARTTLS", "EHLO", "AUTH");
            // AUTH is advertised only once TLS is on.
            List<String> authLines = new ArrayList<>(session.serverLines());
            authLines.removeIf(line -> !line.matches("250[- ]AUTH .*"));
            assertThat(authLines).hasSize(1);
            Wire.assertNoSecrets(session, List.of(PASSWORD, "\0" + USER + "\0" + PASSWORD));
        }
    }

    private AngusMail client() {
        return AngusMail.smtp(smtp.host(), smtp.port()).with("auth", "true");
    }

    /** Sends a dotted text message as this user and checks what every mechanism must give. */
    private SessionRecord sendAndCheck(AngusMail angus, String user, String secret) throws Exception {
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Authenticated");
        byte[] expected = Wire.angusContent(message);

        angus.send(message, user, secret);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.envelope().sender()).isEqualTo("ann@example.com");
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).contains(user);
        assertThat(session.serverLines()).contains("235 2.7.0 Authentication successful");
        assertThat(session.endedBy()).contains(SessionEnd.QUIT);
        return session;
    }

    private static String hmacMd5Hex(String key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
