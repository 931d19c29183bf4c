package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TlsInfo;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Angus Mail over STARTTLS (RFC 3207) and implicit TLS (RFC 8314) on loopback. */
@Timeout(30)
class AngusMailTlsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeSmtpServer smtp = FakeSmtpServer.start(
            ServerConfig.builder().enable(SmtpExtension.STARTTLS).smtpsPort(0).build());

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void starttls_with_the_servers_certificate_trusted_delivers_the_message_byte_for_byte() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port())
                .with("starttls.enable", "true")
                .with("starttls.required", "true")
                .with("ssl.socketFactory", smtp.clientSslContext().getSocketFactory())
                .with("ssl.checkserveridentity", "true");
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Over STARTTLS");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.envelope().recipientAddresses()).containsExactly("bob@example.org");
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).hasValueSatisfying(tls -> {
            assertThat(tls.implicit()).isFalse();
            assertThat(tls.protocol()).startsWith("TLSv1.");
            assertThat(tls.cipherSuite()).startsWith("TLS_");
        });
        assertThat(session.endedBy()).contains(SessionEnd.QUIT);
        assertThat(session.violations()).isEmpty();
    }

    @Test
    void starttls_resends_ehlo_and_the_transcript_shows_the_handshake() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port())
                .with("starttls.enable", "true")
                .with("ssl.trust", "*");

        angus.send(angus.textMessage("ann@example.com", "bob@example.org", "Transcript"));

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).containsExactly("EHLO", "STARTTLS", "EHLO", "MAIL", "RCPT", "DATA", "QUIT");
        assertThat(session.serverLines()).contains("220 2.0.0 Ready to start TLS");
        assertThat(session.transcriptText())
                .contains("TLS established: " + session.tls().orElseThrow().protocol());
        // STARTTLS is offered before TLS only.
        assertThat(session.serverLines())
                .filteredOn(line -> line.equals("250-STARTTLS") || line.equals("250 STARTTLS"))
                .hasSize(1);
    }

    @Test
    void bdat_chunks_over_starttls_are_journaled_byte_for_byte() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port())
                .with("starttls.enable", "true")
                .with("starttls.required", "true")
                .with("ssl.trust", "*")
                .with("chunksize", "700");
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setText("a chunked line over TLS\r\n".repeat(300));
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), expected);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).isPresent();
        assertThat(session.commands()).contains("BDAT").doesNotContain("DATA");
    }

    @Test
    void a_server_that_requires_tls_takes_mail_from_a_client_that_starts_it() throws Exception {
        try (FakeSmtpServer strict = FakeSmtpServer.start(ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .requireTls(true)
                .build())) {
            AngusMail angus = AngusMail.smtp(strict.host(), strict.port())
                    .with("starttls.enable", "true")
                    .with("ssl.socketFactory", strict.clientSslContext().getSocketFactory());
            MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Required TLS");
            byte[] expected = Wire.angusContent(message);

            angus.send(message);

            Wire.assertRawEquals(strict.awaitMessages(1, WAIT).get(0), expected);
            assertThat(strict.sessions().get(0).tls()).isPresent();
        }
    }

    @Test
    void a_server_that_requires_tls_refuses_mail_from_a_plaintext_client() throws Exception {
        try (FakeSmtpServer strict = FakeSmtpServer.start(ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .requireTls(true)
                .build())) {
            AngusMail angus = AngusMail.smtp(strict.host(), strict.port());
            MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "No TLS");

            MessagingException failure = catchThrowableOfType(MessagingException.class, () -> angus.send(message));

            assertThat(failure).hasMessageContaining("530");
            SessionRecord session = strict.journal().awaitEndedSessions(1, WAIT).get(0);
            assertThat(session.serverLines()).contains("530 5.7.0 Must issue a STARTTLS command first");
            assertThat(session.tls()).isEmpty();
            assertThat(strict.messages()).isEmpty();
        }
    }

    @Test
    void implicit_tls_with_the_smtps_protocol_delivers_the_message_byte_for_byte() throws Exception {
        AngusMail angus = AngusMail.smtps(smtp.host(), smtp.smtpsPort())
                .with("ssl.socketFactory", smtp.clientSslContext().getSocketFactory())
                .with("ssl.checkserveridentity", "true");
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Implicit TLS");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).map(TlsInfo::implicit).contains(true);
        assertThat(session.commands()).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
        assertThat(session.serverLines()).noneMatch(line -> line.contains("STARTTLS"));
        assertThat(session.transcriptText()).contains("(implicit TLS)");
    }

    @Test
    void implicit_tls_with_ssl_enable_on_the_smtp_protocol_delivers_the_message_byte_for_byte() throws Exception {
        AngusMail angus = AngusMail.smtp(smtp.host(), smtp.smtpsPort())
                .with("ssl.enable", "true")
                .with("ssl.trust", "*");
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "ssl.enable");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        Wire.assertRawEquals(smtp.awaitMessages(1, WAIT).get(0), expected);
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).tls())
                .map(TlsInfo::implicit)
                .contains(true);
    }

    @Test
    void plain_and_implicit_tls_sessions_of_one_server_share_its_journal() throws Exception {
        AngusMail plain = AngusMail.smtp(smtp.host(), smtp.port());
        AngusMail implicit = AngusMail.smtps(smtp.host(), smtp.smtpsPort()).with("ssl.trust", "*");

        plain.send(plain.textMessage("ann@example.com", "bob@example.org", "plain"));
        implicit.send(implicit.textMessage("ann@example.com", "bob@example.org", "implicit"));

        assertThat(smtp.awaitMessages(2, WAIT))
                .extracting(ReceivedMessage::subject)
                .containsExactly("plain", "implicit");
        assertThat(smtp.journal().awaitEndedSessions(2, WAIT))
                .extracting(session -> session.tls().isPresent())
                .containsExactly(false, true);
    }
}
