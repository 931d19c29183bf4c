package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.AuthMechanism;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AUTH (RFC 4954) with PLAIN, LOGIN, CRAM-MD5 and XOAUTH2, its errors, and the masking of secrets in the journal. */
class SessionAuthTest {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final ServerConfig AUTH =
            ServerConfig.builder().credentials("ann", PASSWORD).build();
    private static final String SUCCESS = "235 2.7.0 Authentication successful\r\n";
    private static final String FAILURE = "535 5.7.8 Authentication credentials invalid\r\n";

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String plain(String user, String password) {
        return b64("\0" + user + "\0" + password);
    }

    private static SessionDriver afterEhlo() {
        return SessionDriver.afterEhlo(AUTH);
    }

    // ---- PLAIN

    @Test
    void plain_with_an_initial_response_succeeds_and_records_the_user() {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n")).isEqualTo(SUCCESS);
        assertThat(driver.record().authenticatedAs()).contains("ann");
    }

    @Test
    void plain_after_an_empty_challenge_succeeds() {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH PLAIN\r\n")).isEqualTo("334 \r\n");
        assertThat(driver.send(plain("ann", PASSWORD) + "\r\n")).isEqualTo(SUCCESS);
    }

    @Test
    void plain_with_a_wrong_password_is_535_and_records_no_user() {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH PLAIN " + plain("ann", "wrong") + "\r\n")).isEqualTo(FAILURE);
        assertThat(driver.record().authenticatedAs()).isEmpty();
    }

    @Test
    void plain_for_an_unknown_user_is_535() {
        assertThat(afterEhlo().send("AUTH PLAIN " + plain("bob", PASSWORD) + "\r\n"))
                .isEqualTo(FAILURE);
    }

    @Test
    void plain_without_two_nuls_is_501() {
        assertThat(afterEhlo().send("AUTH PLAIN " + b64("ann " + PASSWORD) + "\r\n"))
                .isEqualTo("501 5.5.4 Syntax: PLAIN response is authzid NUL user NUL password\r\n");
    }

    // ---- LOGIN

    @Test
    void login_asks_for_user_and_password_and_succeeds() {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH LOGIN\r\n")).isEqualTo("334 VXNlcm5hbWU6\r\n");
        assertThat(driver.send(b64("ann") + "\r\n")).isEqualTo("334 UGFzc3dvcmQ6\r\n");
        assertThat(driver.send(b64(PASSWORD) + "\r\n")).isEqualTo(SUCCESS);
    }

    @Test
    void login_with_the_user_as_initial_response_asks_for_the_password() {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH LOGIN " + b64("ann") + "\r\n")).isEqualTo("334 UGFzc3dvcmQ6\r\n");
        assertThat(driver.send(b64("wrong") + "\r\n")).isEqualTo(FAILURE);
    }

    // ---- CRAM-MD5

    private static String cramMd5(SessionDriver driver, String password) {
        String challengeLine = driver.send("AUTH CRAM-MD5\r\n");
        assertThat(challengeLine).startsWith("334 ").endsWith("\r\n");
        String challenge = new String(
                Base64.getDecoder().decode(challengeLine.substring(4, challengeLine.length() - 2)),
                StandardCharsets.UTF_8);
        assertThat(challenge).matches("<\\d+\\.\\d+@localhost>");
        return driver.send(b64("ann " + AuthExchange.hmacMd5Hex(password, challenge)) + "\r\n");
    }

    @Test
    void cram_md5_with_the_right_digest_succeeds() {
        assertThat(cramMd5(afterEhlo(), PASSWORD)).isEqualTo(SUCCESS);
    }

    @Test
    void cram_md5_with_a_wrong_digest_is_535() {
        assertThat(cramMd5(afterEhlo(), "wrong")).isEqualTo(FAILURE);
    }

    @Test
    void cram_md5_with_an_initial_response_is_501() {
        assertThat(afterEhlo().send("AUTH CRAM-MD5 " + b64("ann x") + "\r\n"))
                .isEqualTo("501 5.5.4 Syntax: CRAM-MD5 takes no initial response\r\n");
    }

    // ---- XOAUTH2

    @Test
    void xoauth2_with_the_right_token_succeeds() {
        assertThat(afterEhlo()
                        .send("AUTH XOAUTH2 " + b64("user=ann\u0001auth=Bearer " + PASSWORD + "\u0001\u0001") + "\r\n"))
                .isEqualTo(SUCCESS);
    }

    @Test
    void xoauth2_with_a_wrong_token_sends_an_error_challenge_then_535() {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH XOAUTH2 " + b64("user=ann\u0001auth=Bearer nope\u0001\u0001") + "\r\n"))
                .isEqualTo("334 "
                        + b64("{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}")
                        + "\r\n");
        assertThat(driver.send("\r\n")).isEqualTo(FAILURE);
    }

    @Test
    void an_auth_line_longer_than_512_octets_is_accepted() {
        String token = "t".repeat(3000);
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().credentials("ann", token).build());

        assertThat(driver.send("AUTH XOAUTH2 " + b64("user=ann\u0001auth=Bearer " + token + "\u0001\u0001") + "\r\n"))
                .isEqualTo(SUCCESS);
    }

    // ---- errors

    @Test
    void a_star_cancels_the_exchange_with_501() {
        SessionDriver driver = afterEhlo();
        driver.send("AUTH LOGIN\r\n");

        assertThat(driver.send("*\r\n")).isEqualTo("501 5.7.0 Authentication cancelled\r\n");
        assertThat(driver.send("NOOP\r\n")).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(driver.record().clientLines()).containsExactly("EHLO client.example", "AUTH LOGIN", "*", "NOOP");
    }

    @Test
    void a_bad_base64_initial_response_is_501() {
        assertThat(afterEhlo().send("AUTH PLAIN !!!!\r\n"))
                .isEqualTo("501 5.5.2 Cannot decode the SASL response as base64\r\n");
    }

    @Test
    void a_bad_base64_response_is_501_and_ends_the_exchange() {
        SessionDriver driver = afterEhlo();
        driver.send("AUTH PLAIN\r\n");

        assertThat(driver.send("not base64!\r\n")).isEqualTo("501 5.5.2 Cannot decode the SASL response as base64\r\n");
        assertThat(driver.send("NOOP\r\n")).isEqualTo("250 2.0.0 OK\r\n");
    }

    @Test
    void a_mechanism_that_is_not_offered_is_504() {
        SessionDriver driver = SessionDriver.connected(
                AUTH.toBuilder().authMechanisms(AuthMechanism.PLAIN).build());

        assertThat(driver.send("EHLO client.example\r\n")).endsWith("250-DSN\r\n250 AUTH PLAIN\r\n");
        assertThat(driver.send("AUTH LOGIN\r\n")).isEqualTo("504 5.5.4 Unrecognized authentication type\r\n");
    }

    @Test
    void auth_before_ehlo_is_503() {
        assertThat(SessionDriver.connected(AUTH).send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n"))
                .isEqualTo("503 Bad sequence of commands: send EHLO or HELO first\r\n");
    }

    @Test
    void a_second_auth_is_503() {
        SessionDriver driver = afterEhlo();
        driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n");

        assertThat(driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n"))
                .isEqualTo("503 5.5.1 Already authenticated\r\n");
    }

    @Test
    void auth_inside_a_transaction_is_503() {
        SessionDriver driver = afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\n");

        assertThat(driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n"))
                .isEqualTo("503 5.5.1 AUTH is not permitted during a mail transaction\r\n");
    }

    // ---- require AUTH

    @Test
    void with_require_auth_mail_before_auth_is_530() {
        SessionDriver driver =
                SessionDriver.afterEhlo(AUTH.toBuilder().requireAuth(true).build());

        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n")).isEqualTo("530 5.7.0 Authentication required\r\n");
    }

    @Test
    void with_require_auth_mail_after_auth_is_accepted() {
        SessionDriver driver =
                SessionDriver.afterEhlo(AUTH.toBuilder().requireAuth(true).build());
        driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n");

        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
    }

    // ---- secrets in the journal

    private static void assertNoSecretIn(SessionRecord record) {
        String everything = record.toString() + record.transcriptText();
        assertThat(everything)
                .doesNotContain(PASSWORD)
                .doesNotContain(b64(PASSWORD))
                .doesNotContain(plain("ann", PASSWORD))
                .doesNotContain(plain("ann", PASSWORD).substring(0, 12));
    }

    @Test
    void the_initial_response_is_masked_in_the_transcript() {
        SessionDriver driver = afterEhlo();
        driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + "\r\n");

        assertThat(driver.record().clientLines()).containsExactly("EHLO client.example", "AUTH PLAIN ****");
        assertNoSecretIn(driver.record());
    }

    @Test
    void sasl_responses_are_masked_in_the_transcript() {
        SessionDriver driver = afterEhlo();
        driver.send("AUTH LOGIN\r\n");
        driver.send(b64("ann") + "\r\n");
        driver.send(b64(PASSWORD) + "\r\n");

        assertThat(driver.record().clientLines()).containsExactly("EHLO client.example", "AUTH LOGIN", "****", "****");
        assertNoSecretIn(driver.record());
    }

    @Test
    void a_failed_auth_leaves_no_secret_in_the_journal() {
        SessionDriver driver = afterEhlo();
        driver.send("AUTH PLAIN " + plain("ann", PASSWORD + "x") + "\r\n");
        driver.clientCloses();

        assertThat(driver.record().toString()).doesNotContain(PASSWORD).doesNotContain(plain("ann", PASSWORD + "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" extra\r\n", "\n", "\0\r\n", "\r\u00e9\r\n"})
    void a_malformed_auth_line_leaves_no_secret_in_the_violations(String ending) {
        SessionDriver driver = afterEhlo();

        assertThat(driver.send("AUTH PLAIN " + plain("ann", PASSWORD) + ending)).startsWith("50");

        assertThat(driver.record().violations()).isNotEmpty();
        assertNoSecretIn(driver.record());
    }

    /** Found by EngineProperties: a response sent although AUTH was refused was journaled as a command. */
    @Test
    void responses_pipelined_behind_a_refused_auth_are_masked_until_the_next_command() {
        SessionDriver driver = SessionDriver.connected(AUTH);

        String replies = driver.send("AUTH LOGIN\r\n" + b64("ann") + "\r\n" + b64(PASSWORD) + "\r\nNOOP\r\nXYZ\r\n");

        assertThat(replies)
                .isEqualTo("503 Bad sequence of commands: send EHLO or HELO first\r\n"
                        + "500 Command unrecognized\r\n"
                        + "500 Command unrecognized\r\n"
                        + "250 OK\r\n"
                        + "500 Command unrecognized\r\n");
        assertThat(driver.record().clientLines()).containsExactly("AUTH LOGIN", "****", "****", "NOOP", "XYZ");
        assertNoSecretIn(driver.record());
    }

    @Test
    void a_response_sent_after_the_exchange_ended_is_masked() {
        SessionDriver driver = afterEhlo();

        driver.send("AUTH PLAIN " + plain("ann", "wrong") + "\r\n" + plain("ann", PASSWORD) + "\r\n");

        assertThat(driver.record().clientLines()).containsExactly("EHLO client.example", "AUTH PLAIN ****", "****");
        assertThat(driver.record().violations().toString()).doesNotContain(plain("ann", PASSWORD));
        assertNoSecretIn(driver.record());
    }

    @Test
    void responses_after_an_auth_line_refused_as_too_long_are_masked() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.builder()
                .credentials("ann", PASSWORD)
                .limits(dev.twofifty.Limits.DEFAULTS.withMaxAuthLineLength(40).withMaxCommandLineLength(40))
                .build());

        driver.send("AUTH PLAIN " + "x".repeat(40) + "\r\n" + plain("ann", PASSWORD) + "\r\n");

        assertThat(driver.record().clientLines()).endsWith("****");
        assertNoSecretIn(driver.record());
    }
}
