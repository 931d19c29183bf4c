package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.Violation;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient.AUTH_METHOD;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;
import org.apache.commons.net.smtp.SimpleSMTPHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apache Commons Net's {@code SMTPClient}, {@code SMTPSClient} and {@code AuthenticatingSMTPClient}
 * on loopback: what they sent is what the journal holds, octet for octet.
 */
@Timeout(30)
class CommonsNetTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CLIENT_NAME = "commons.example";
    private static final String USER = "ann";
    private static final String PASSWORD = "s3cret-Pa55word";

    /** Lines end in LF here; the client's writer turns them into CRLF and dot-stuffs them. */
    private static final String DOTTED_BODY = "Hello,\n"
            + ".a line that starts with a dot\n"
            + "..one that starts with two\n"
            + ".\n"
            + "the line above is a lone dot\n";

    private final FakeSmtpServer smtp = FakeSmtpServer.start(ServerConfig.builder()
            .enable(SmtpExtension.STARTTLS)
            .smtpsPort(0)
            .credentials(USER, PASSWORD)
            .build());

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void smtp_client_with_helo_delivers_a_short_message_byte_for_byte() throws Exception {
        String text = new SimpleSMTPHeader("ann@example.com", "bob@example.org", "Commons Net") + DOTTED_BODY;
        SMTPClient client = connected(new SMTPClient(), smtp.port());
        try {
            assertThat(client.login(CLIENT_NAME)).isTrue();
            assertThat(client.setSender("ann@example.com")).isTrue();
            assertThat(client.addRecipient("bob@example.org")).isTrue();
            assertThat(client.addRecipient("cid@example.org")).isTrue();
            assertThat(client.sendShortMessageData(text)).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, Wire.canonical(text.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(received.envelope().sender()).isEqualTo("ann@example.com");
        assertThat(received.envelope().recipientAddresses()).containsExactly("bob@example.org", "cid@example.org");
        assertThat(received.parsed().textBody()).contains(DOTTED_BODY.replace("\n", "\r\n"));
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).containsExactly("HELO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT");
        assertThat(session.ehlo()).contains(CLIENT_NAME);
        assertThat(session.endedBy()).contains(SessionEnd.QUIT);
        assertThat(session.violations()).isEmpty();
    }

    @Test
    void smtp_client_writing_utf8_through_the_message_writer_with_body_8bitmime() throws Exception {
        String text = "From: ann@example.com\nTo: bob@example.org\nSubject: 8bit\n"
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
                + "Grüße aus Köln, 東京\n.dotted ünïcode\nno final line end";
        AuthenticatingSMTPClient client = connected(new AuthenticatingSMTPClient("TLS", "UTF-8"), smtp.port());
        try {
            assertThat(client.elogin(CLIENT_NAME)).isTrue();
            assertThat(client.mail("<ann@example.com> BODY=8BITMIME")).isEqualTo(250);
            assertThat(client.addRecipient("bob@example.org")).isTrue();
            try (Writer writer = client.sendMessageData()) {
                for (int i = 0; i < text.length(); i += 7) {
                    writer.write(text, i, Math.min(7, text.length() - i));
                }
            }
            assertThat(client.completePendingCommand()).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, Wire.canonical(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(received.envelope().body()).contains("8BITMIME");
        assertThat(received.parsed().textBody())
                .contains("Grüße aus Köln, 東京\r\n.dotted ünïcode\r\nno final line end\r\n");
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).violations())
                .isEmpty();
    }

    @Test
    void smtp_client_sends_several_messages_with_reset_in_between() throws Exception {
        SMTPClient client = connected(new SMTPClient(), smtp.port());
        try {
            assertThat(client.login(CLIENT_NAME)).isTrue();
            for (int i = 1; i <= 3; i++) {
                assertThat(client.sendSimpleMessage("ann@example.com", "bob" + i + "@example.org", body(i)))
                        .isTrue();
                assertThat(client.reset()).isTrue();
            }
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        List<ReceivedMessage> received = smtp.awaitMessages(3, WAIT);
        for (int i = 1; i <= 3; i++) {
            ReceivedMessage message = received.get(i - 1);
            Wire.assertRawEquals(message, Wire.canonical(body(i).getBytes(StandardCharsets.ISO_8859_1)));
            assertThat(message.envelope().recipientAddresses()).containsExactly("bob" + i + "@example.org");
            assertThat(message.transactionIndex()).isEqualTo(i);
        }
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).commands())
                .containsSubsequence("DATA", "RSET", "MAIL", "RCPT", "DATA", "RSET", "MAIL", "RCPT", "DATA", "RSET");
    }

    @Test
    void smtps_client_with_implicit_tls_delivers_byte_for_byte() throws Exception {
        String text = body(1);
        SMTPSClient client = connected(new SMTPSClient(true, smtp.clientSslContext()), smtp.smtpsPort());
        try {
            assertThat(client.login(CLIENT_NAME)).isTrue();
            assertThat(client.sendSimpleMessage("ann@example.com", "bob@example.org", text))
                    .isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        Wire.assertRawEquals(
                smtp.awaitMessages(1, WAIT).get(0), Wire.canonical(text.getBytes(StandardCharsets.ISO_8859_1)));
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).map(TlsInfo::implicit).contains(true);
        assertThat(session.commands()).containsExactly("HELO", "MAIL", "RCPT", "DATA", "QUIT");
    }

    @Test
    void smtps_client_with_starttls_delivers_byte_for_byte() throws Exception {
        String text = body(2);
        AuthenticatingSMTPClient client =
                connected(new AuthenticatingSMTPClient(false, smtp.clientSslContext()), smtp.port());
        try {
            assertThat(client.elogin(CLIENT_NAME)).isTrue();
            assertThat(client.execTLS()).isTrue();
            assertThat(client.elogin(CLIENT_NAME)).isTrue();
            assertThat(client.sendSimpleMessage("ann@example.com", "bob@example.org", text))
                    .isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        Wire.assertRawEquals(
                smtp.awaitMessages(1, WAIT).get(0), Wire.canonical(text.getBytes(StandardCharsets.ISO_8859_1)));
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.tls()).map(TlsInfo::implicit).contains(false);
        assertThat(session.commands()).containsExactly("EHLO", "STARTTLS", "EHLO", "MAIL", "RCPT", "DATA", "QUIT");
        assertThat(session.violations()).isEmpty();
    }

    /**
     * Commons Net 3.12's {@code auth(XOAUTH2, ...)} takes the whole SASL string as the user name and
     * returns whether the reply was a 334, so a successful {@code 235} reads as {@code false}: the
     * test checks the reply code instead.
     */
    @ParameterizedTest
    @EnumSource(
            value = AUTH_METHOD.class,
            names = {"PLAIN", "LOGIN", "CRAM_MD5", "XOAUTH2"})
    void authenticating_client_authenticates_with_each_mechanism(AUTH_METHOD method) throws Exception {
        String xoauth2 = "user=" + USER + "\u0001auth=Bearer " + PASSWORD + "\u0001\u0001";
        String text = body(3);
        AuthenticatingSMTPClient client = connected(new AuthenticatingSMTPClient(), smtp.port());
        try {
            assertThat(client.elogin(CLIENT_NAME)).isTrue();
            if (method == AUTH_METHOD.XOAUTH2) {
                client.auth(method, xoauth2, null);
            } else {
                assertThat(client.auth(method, USER, PASSWORD)).isTrue();
            }
            assertThat(client.getReplyCode()).isEqualTo(235);
            assertThat(client.sendSimpleMessage("ann@example.com", "bob@example.org", text))
                    .isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        Wire.assertRawEquals(
                smtp.awaitMessages(1, WAIT).get(0), Wire.canonical(text.getBytes(StandardCharsets.ISO_8859_1)));
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).contains(USER);
        assertThat(session.clientLines()).contains("AUTH " + AUTH_METHOD.getAuthName(method));
        Wire.assertNoSecrets(session, List.of(PASSWORD, "\0" + USER + "\0" + PASSWORD, xoauth2));
    }

    @Test
    void a_failed_authentication_leaves_the_session_unauthenticated_and_usable() throws Exception {
        AuthenticatingSMTPClient client = connected(new AuthenticatingSMTPClient(), smtp.port());
        try {
            assertThat(client.elogin(CLIENT_NAME)).isTrue();
            assertThat(client.auth(AUTH_METHOD.LOGIN, USER, "wrong-Pa55word")).isFalse();
            assertThat(client.getReplyCode()).isEqualTo(535);
            assertThat(client.auth(AUTH_METHOD.PLAIN, USER, PASSWORD)).isTrue();
            assertThat(client.logout()).isTrue();
        } finally {
            client.disconnect();
        }

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.authenticatedAs()).contains(USER);
        assertThat(session.violations()).extracting(Violation::type).isEmpty();
        Wire.assertNoSecrets(session, List.of("wrong-Pa55word", PASSWORD));
    }

    private static String body(int number) {
        return "Subject: message " + number + "\n\n" + DOTTED_BODY + "message " + number + "\n";
    }

    private <T extends SMTPClient> T connected(T client, int port) throws Exception {
        client.setConnectTimeout(5000);
        client.setDefaultTimeout(5000);
        client.connect(smtp.host(), port);
        assertThat(SMTPReply.isPositiveCompletion(client.getReplyCode()))
                .as(client.getReplyString())
                .isTrue();
        return client;
    }
}
