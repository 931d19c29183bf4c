package dev.twofifty.e2e;

import static dev.twofifty.script.Rules.onStartTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.internal.tls.SelfSignedCertificate;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Fault;
import dev.twofifty.testing.RawSmtpClient;
import dev.twofifty.tls.TlsConfig;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the conformance runner needs to see of a client's TLS and AUTH behaviour: plaintext sent
 * instead of a ClientHello, the client's close_notify, over-long AUTH lines, and certificates for
 * another name or already expired.
 */
@Timeout(10)
class TlsConformanceSupportTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ServerConfig STARTTLS =
            ServerConfig.builder().enable(SmtpExtension.STARTTLS).build();

    @Test
    void plaintext_sent_instead_of_a_handshake_after_the_220_is_recorded_with_its_first_line() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(STARTTLS)) {
            smtp.stubFor(onStartTls().willFault(Fault.tlsHandshakeFailure()));
            try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port())) {
                client.reply();
                client.command("EHLO client.test");
                assertThat(client.command("STARTTLS")).startsWith("220 ");
                client.send("EHLO client.test");
                client.readUntilClosed();
            }
            SessionRecord session = ended(smtp);
            assertThat(session.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.type()).isEqualTo(Violation.Type.PLAINTEXT_AFTER_STARTTLS);
                assertThat(violation.detail())
                        .isEqualTo("plaintext instead of a TLS handshake after the 220 to STARTTLS:"
                                + " \"EHLO client.test\"");
            });
        }
    }

    @Test
    void a_client_hello_after_the_220_is_not_a_violation() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(STARTTLS)) {
            smtp.stubFor(onStartTls().willFault(Fault.tlsHandshakeFailure()));
            try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.command("STARTTLS");
                assertThatThrownBy(() -> client.startTls(smtp.clientSslContext()))
                        .hasRootCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            }
            assertThat(ended(smtp).violations()).isEmpty();
        }
    }

    @Test
    void a_close_notify_from_the_client_is_an_event_before_the_close() throws Exception {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(STARTTLS)) {
            try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port())) {
                client.reply();
                client.command("EHLO client.test");
                client.command("STARTTLS");
                RawSmtpClient tls = client.startTls(smtp.clientSslContext());
                tls.command("EHLO client.test");
                assertThat(tls.socket()).isInstanceOf(SSLSocket.class);
                tls.socket().close();
            }
            assertThat(events(ended(smtp)))
                    .containsSubsequence("TLS established", "TLS close_notify received", "connection closed");
        }
    }

    @Test
    void an_auth_line_over_512_octets_is_accepted_and_recorded_as_too_long() {
        ServerConfig config =
                ServerConfig.builder().credentials("ann", "x".repeat(400)).build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            String response = Base64.getEncoder().encodeToString(("\0ann\0" + "x".repeat(400)).getBytes());
            try (RawSmtpClient client = RawSmtpClient.connect(smtp.host(), smtp.port())) {
                client.reply();
                client.command("EHLO client.test");
                assertThat(client.command("AUTH PLAIN " + response)).startsWith("235 ");
                client.command("QUIT");
            }
            assertThat(ended(smtp).violations()).singleElement().satisfies(violation -> {
                assertThat(violation.type()).isEqualTo(Violation.Type.COMMAND_LINE_TOO_LONG);
                assertThat(violation.detail())
                        .isEqualTo("an AUTH line of 553 octets, over the 512 of RFC 5321 §4.5.3.1.4"
                                + " (RFC 4954 §4: no initial response then)");
            });
        }
    }

    @Test
    void certificates_can_name_another_host_or_be_expired() throws Exception {
        Instant now = Instant.now();
        SelfSignedCertificate other = SelfSignedCertificate.generate(
                "mx.other.test", List.of("mx.other.test"), now.minusSeconds(60), now.plusSeconds(3600));
        SelfSignedCertificate expired = SelfSignedCertificate.generate(
                "localhost", List.of(), now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        X509Certificate otherCertificate = other.certificate();
        assertThat(otherCertificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "mx.other.test"));
        assertThatThrownBy(expired.certificate()::checkValidity).isInstanceOf(CertificateExpiredException.class);

        ServerConfig config = STARTTLS.toBuilder()
                .tls(TlsConfig.of(other.keyPair().getPrivate(), otherCertificate))
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            assertThat(smtp.certificate()).isEqualTo(otherCertificate);
        }
    }

    private static SessionRecord ended(FakeSmtpServer smtp) {
        return smtp.journal().awaitEndedSessions(1, WAIT).get(0);
    }

    private static List<String> events(SessionRecord session) {
        return session.transcript().stream()
                .filter(entry -> entry.kind() == TranscriptEntry.Kind.EVENT)
                .map(TranscriptEntry::line)
                .map(line -> line.startsWith("TLS established") ? "TLS established" : line)
                .map(line -> line.startsWith("connection closed") ? "connection closed" : line)
                .toList();
    }
}
