package dev.twofifty.samples.guide;

import static dev.twofifty.assertj.SmtpAssertions.assertThat;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onStartTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.Mailer;
import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Fault;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/guide.md, "Configuring the server": TLS, AUTH, limits, extensions and strictness. */
@Timeout(30)
class ServerGuideTest {

    @Test
    void starttls() throws Exception {
        // tag::starttls[]
        ServerConfig config = ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS) // a certificate for localhost and 127.0.0.1, made in memory
                .requireTls(true) // "530 5.7.0" to mail commands before STARTTLS
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            Properties client = new Properties(); // Jakarta Mail, told to use STARTTLS and to trust this server
            client.put("mail.smtp.host", smtp.host());
            client.put("mail.smtp.port", String.valueOf(smtp.port()));
            client.put("mail.smtp.starttls.enable", "true");
            client.put("mail.smtp.starttls.required", "true");
            client.put("mail.smtp.ssl.socketFactory", smtp.clientSslContext().getSocketFactory());
            client.put("mail.smtp.ssl.checkserveridentity", "true");

            Transport.send(message(Session.getInstance(client)));

            assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
            assertThat(smtp).lastSession().usedStartTls().resentEhloAfterTls();
        }
        // end::starttls[]
    }

    @Test
    void implicit_tls() throws Exception {
        // tag::smtps[]
        try (FakeSmtpServer smtp =
                FakeSmtpServer.start(ServerConfig.builder().smtpsPort(0).build())) {
            Properties client = new Properties();
            client.put("mail.smtps.host", smtp.host());
            client.put("mail.smtps.port", String.valueOf(smtp.smtpsPort())); // TLS from the first byte (RFC 8314)
            client.put("mail.smtps.ssl.socketFactory", smtp.clientSslContext().getSocketFactory());
            Session session = Session.getInstance(client);

            try (Transport transport = session.getTransport("smtps")) {
                transport.connect();
                MimeMessage message = message(session);
                transport.sendMessage(message, message.getAllRecipients());
            }

            assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
            assertThat(smtp).lastSession().usedTls();
        }
        // end::smtps[]
    }

    @Test
    void tls_failures() throws Exception {
        ServerConfig config =
                ServerConfig.builder().enable(SmtpExtension.STARTTLS).build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            Properties client = new Properties();
            client.put("mail.smtp.host", smtp.host());
            client.put("mail.smtp.port", String.valueOf(smtp.port()));
            client.put("mail.smtp.starttls.enable", "true");
            client.put("mail.smtp.ssl.socketFactory", smtp.clientSslContext().getSocketFactory());
            client.put("mail.smtp.timeout", "5000");
            Session session = Session.getInstance(client);

            // tag::tls-failure[]
            smtp.stubFor(onStartTls().willFault(Fault.tlsHandshakeFailure()).once()); // 220, then a TLS alert
            smtp.stubFor(onEhlo().matching(tlsActive()).willAdvertise(CapabilityChange.with("XSECRET"))); // after TLS

            assertThatThrownBy(() -> Transport.send(message(session))).isInstanceOf(MessagingException.class);
            Transport.send(message(session)); // the second handshake works

            assertThat(smtp).lastSession().usedStartTls().transcript().containsServerLineMatching("250[- ]XSECRET");
            // end::tls-failure[]
        }
    }

    @Test
    void auth() throws Exception {
        // tag::auth[]
        ServerConfig config = ServerConfig.builder()
                .credentials("ann", "secret") // turns AUTH on: PLAIN, LOGIN, CRAM-MD5, XOAUTH2
                .requireAuth(true) // "530 5.7.0" to MAIL before a successful AUTH
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            Properties client = new Properties();
            client.put("mail.smtp.host", smtp.host());
            client.put("mail.smtp.port", String.valueOf(smtp.port()));
            client.put("mail.smtp.auth", "true");
            Session session = Session.getInstance(client);

            assertThatThrownBy(() -> Transport.send(message(session), "ann", "wrong"))
                    .isInstanceOf(AuthenticationFailedException.class); // 535 5.7.8
            Transport.send(message(session), "ann", "secret");

            assertThat(smtp).within(Duration.ofSeconds(5)).hasReceived(1);
            assertThat(smtp).lastSession().isAuthenticatedAs("ann").transcript().containsClientLine("****");
            assertThat(smtp.sessions().get(1).transcriptText()).doesNotContain("c2VjcmV0"); // base64 of "secret"
        }
        // end::auth[]
    }

    @Test
    void limits() throws Exception {
        // tag::limits[]
        ServerConfig config = ServerConfig.builder()
                .limits(Limits.DEFAULTS
                        .withMaxMessageSize(1_000) // advertised as SIZE 1000; more gets "552 5.3.4"
                        .withMaxRecipients(2) // the third RCPT gets "452 4.5.3"
                        .withIdleTimeout(Duration.ofSeconds(30))) // then "421 4.4.2" and close
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            Mailer mailer = new Mailer(smtp.host(), smtp.port(), 1, Duration.ofSeconds(5));

            assertThatThrownBy(() -> mailer.send(Email.of("a@example.com", "b@example.com", "Big", "x".repeat(2_000))))
                    .hasMessageContaining("552");
            assertThatThrownBy(() -> mailer.send(Email.of("a@example.com", "b@example.com", "Many", "Hi")
                            .withCc("c@example.com", "d@example.com")))
                    .hasMessageContaining("452");
        }
        // end::limits[]
    }

    @Test
    void extensions_and_strictness() throws Exception {
        // tag::extensions[]
        ServerConfig config = ServerConfig.builder()
                .disable(SmtpExtension.PIPELINING, SmtpExtension.CHUNKING) // not offered, so not allowed
                .lenient() // accept bare LF and long lines (still recorded as violations)
                .hostname("mx.example") // the name in the greeting and the EHLO reply
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            new Mailer(smtp.host(), smtp.port()).send(Email.of("a@example.com", "b@example.com", "Hi", "Hello"));

            assertThat(smtp)
                    .lastSession()
                    .transcript()
                    .containsServerLine("220 mx.example ESMTP TwoFifty ready")
                    .containsServerLine("250-8BITMIME");
            assertThat(smtp.sessions().get(0).serverLines()).noneMatch(line -> line.contains("PIPELINING"));
        }
        // end::extensions[]
    }

    /** A small message for the Jakarta Mail examples. */
    static MimeMessage message(Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("shop@example.com");
        message.setRecipients(Message.RecipientType.TO, "ann@example.com");
        message.setSubject("Hello");
        message.setText("Hi Ann");
        return message;
    }
}
