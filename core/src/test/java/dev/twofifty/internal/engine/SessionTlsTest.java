package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.Violation;
import org.junit.jupiter.api.Test;

/** STARTTLS (RFC 3207) as the engine sees it: the transport is asked to start TLS; the handshake itself is the transport's. */
class SessionTlsTest {

    private static final ServerConfig TLS =
            ServerConfig.builder().enable(SmtpExtension.STARTTLS).build();
    private static final ServerConfig REQUIRE_TLS = ServerConfig.builder()
            .enable(SmtpExtension.STARTTLS)
            .credentials("ann", "secret")
            .requireTls(true)
            .build();
    private static final String READY = "220 2.0.0 Ready to start TLS\r\n";

    /** STARTTLS answered and the handshake reported done, replies taken. */
    private static SessionDriver afterTls(ServerConfig config) {
        SessionDriver driver = SessionDriver.afterEhlo(config);
        assertThat(driver.send("STARTTLS\r\n")).isEqualTo(READY);
        driver.session.onTlsEstablished("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        return driver;
    }

    @Test
    void starttls_answers_220_and_starts_tls_on_the_transport_before_the_flush() {
        SessionDriver driver = SessionDriver.afterEhlo(TLS);

        driver.read(SessionDriver.bytes("STARTTLS\r\n"));

        assertThat(driver.transport.events()).endsWith("write " + READY, "startTls", "flush");
        assertThat(driver.flushes()).containsExactly(READY);
        assertThat(driver.transport.tlsStarts()).isEqualTo(1);
    }

    @Test
    void starttls_is_offered_before_ehlo() {
        SessionDriver driver = SessionDriver.connected(TLS);

        assertThat(driver.send("STARTTLS\r\n")).isEqualTo("220 Ready to start TLS\r\n");
        assertThat(driver.transport.tlsStarts()).isEqualTo(1);
    }

    @Test
    void plaintext_pipelined_after_starttls_is_discarded_and_recorded() {
        SessionDriver driver = SessionDriver.afterEhlo(TLS);

        assertThat(driver.send("STARTTLS\r\nMAIL FROM:<evil@example.com>\r\n")).isEqualTo(READY);
        assertThat(driver.violations()).containsExactly(Violation.Type.PLAINTEXT_AFTER_STARTTLS);
        assertThat(driver.record().violations().get(0).detail())
                .isEqualTo("30 octets sent after STARTTLS before the TLS handshake were discarded");
        assertThat(driver.record().clientLines()).doesNotContain("MAIL FROM:<evil@example.com>");
    }

    @Test
    void after_tls_the_client_must_say_ehlo_again() {
        SessionDriver driver = afterTls(TLS);

        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("503 Bad sequence of commands: send EHLO or HELO first\r\n");
    }

    @Test
    void ehlo_after_tls_no_longer_offers_starttls() {
        SessionDriver driver = afterTls(TLS);

        assertThat(driver.send("EHLO client.example\r\n")).isEqualTo(SessionDriver.EHLO_REPLY);
    }

    @Test
    void the_session_record_holds_the_negotiated_tls() {
        SessionDriver driver = afterTls(TLS);

        assertThat(driver.record().tls()).contains(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", false));
    }

    @Test
    void starttls_aborts_an_open_transaction() {
        SessionDriver driver = SessionDriver.afterEhlo(TLS);
        driver.send("MAIL FROM:<ann@example.com>\r\n");

        driver.send("STARTTLS\r\n");

        assertThat(driver.record().transactions().get(0).outcome()).isEqualTo(Outcome.ABORTED);
    }

    @Test
    void a_second_starttls_is_503() {
        SessionDriver driver = afterTls(TLS);
        driver.send("EHLO client.example\r\n");

        assertThat(driver.send("STARTTLS\r\n")).isEqualTo("503 5.5.1 TLS is already active\r\n");
        assertThat(driver.transport.tlsStarts()).isEqualTo(1);
    }

    @Test
    void starttls_when_not_enabled_is_502_and_tls_is_not_started() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("STARTTLS\r\n")).isEqualTo("502 5.5.1 Command not implemented: STARTTLS\r\n");
        assertThat(driver.transport.tlsStarts()).isZero();
    }

    // ---- require TLS

    @Test
    void with_require_tls_mail_before_tls_is_530() {
        SessionDriver driver = SessionDriver.afterEhlo(REQUIRE_TLS);

        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("530 5.7.0 Must issue a STARTTLS command first\r\n");
    }

    @Test
    void with_require_tls_auth_is_offered_only_after_tls() {
        SessionDriver driver = SessionDriver.connected(REQUIRE_TLS);

        assertThat(driver.send("EHLO client.example\r\n")).endsWith("250-DSN\r\n250 STARTTLS\r\n");
        assertThat(driver.send("STARTTLS\r\n")).isEqualTo(READY);
        driver.session.onTlsEstablished("TLSv1.3", "TLS_AES_128_GCM_SHA256");
        assertThat(driver.send("EHLO client.example\r\n"))
                .endsWith("250-DSN\r\n250 AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2\r\n");
    }

    @Test
    void with_require_tls_noop_rset_and_quit_work_before_tls() {
        SessionDriver driver = SessionDriver.afterEhlo(REQUIRE_TLS);

        assertThat(driver.send("NOOP\r\nRSET\r\nQUIT\r\n"))
                .isEqualTo("250 2.0.0 OK\r\n250 2.0.0 OK\r\n221 2.0.0 localhost Bye\r\n");
    }

    @Test
    void with_require_tls_a_bdat_before_tls_consumes_its_octets_and_is_530() {
        SessionDriver driver = SessionDriver.afterEhlo(REQUIRE_TLS);

        assertThat(driver.send("BDAT 6\r\nNOOP\r\nNOOP\r\n"))
                .isEqualTo("530 5.7.0 Must issue a STARTTLS command first\r\n250 2.0.0 OK\r\n");
    }

    @Test
    void with_require_tls_mail_after_tls_is_accepted() {
        SessionDriver driver = afterTls(REQUIRE_TLS);
        driver.send("EHLO client.example\r\n");

        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
    }
}
