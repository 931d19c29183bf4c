package dev.twofifty.conformance.adapters;

import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Matchers.transactionNumber;
import static dev.twofifty.script.Rules.onAuth;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import dev.twofifty.script.Fault;
import io.netty.pkitesting.CertificateBuilder;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every adapter must report for scripted server replies: the outcome kind and code of the
 * catalogue's vocabulary. Subclasses name the adapter and state where their client's policy differs
 * (partial delivery, the null sender, several messages).
 */
@Timeout(60)
abstract class AdapterMappingContract {

    static final MailRequest TWO_RECIPIENTS = MailRequest.of(
            "ann@client.test", List.of("bob@mx.test", "eve@blocked.test"), ConformanceCase.STANDARD_MESSAGE);

    abstract ClientAdapter adapter();

    /** One of two recipients refused with 550: a partial delivery, or the whole message refused. */
    abstract void assertOneOfTwoRecipientsRefused(Observation observation);

    @Test
    void an_accepted_message_is_delivered() {
        Observation observation = Scripted.run(adapter());

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.messages()).hasSize(1);
        assertThat(observation.messages().get(0).envelope().sender()).isEqualTo("ann@client.test");
    }

    @Test
    void a_554_greeting_is_permanent_554() {
        Observation observation = Scripted.run(adapter(), onConnect().willReply(554, "5.3.2", "No SMTP service here"));

        assertKindAndCode(Scripted.outcome(observation), Kind.PERMANENT, 554);
        assertThat(observation.sent("MAIL")).isFalse();
    }

    @Test
    void a_421_greeting_is_transient_421() {
        Observation observation = Scripted.run(adapter(), onConnect().willReply(421, "4.3.2", "Try again later"));

        assertKindAndCode(Scripted.outcome(observation), Kind.TRANSIENT, 421);
    }

    @Test
    void a_550_to_mail_is_permanent_550() {
        Observation observation = Scripted.run(adapter(), onMail().willReply(550, "5.7.1", "Sender rejected"));

        assertKindAndCode(Scripted.outcome(observation), Kind.PERMANENT, 550);
        assertThat(observation.sent("RCPT")).isFalse();
    }

    @Test
    void a_451_to_mail_is_transient_451() {
        Observation observation = Scripted.run(adapter(), onMail().willReply(451, "4.3.0", "Try later"));

        assertKindAndCode(Scripted.outcome(observation), Kind.TRANSIENT, 451);
    }

    @Test
    void a_421_to_mail_is_transient_421() {
        Observation observation = Scripted.run(adapter(), onMail().willReply(421, "4.3.2", "Shutting down"));

        assertKindAndCode(Scripted.outcome(observation), Kind.TRANSIENT, 421);
    }

    @Test
    void every_recipient_refused_is_permanent_with_each_recipient_and_its_code() {
        Observation observation =
                Scripted.run(adapter(), TWO_RECIPIENTS, onRcpt().willReply(550, "5.1.1", "No such user"));

        Outcome outcome = Scripted.outcome(observation);
        assertKindAndCode(outcome, Kind.PERMANENT, 550);
        assertThat(outcome.rejected()).isEqualTo(Map.of("bob@mx.test", 550, "eve@blocked.test", 550));
        assertThat(observation.messages()).isEmpty();
    }

    @Test
    void a_recipient_refused_for_now_is_transient_450() {
        Observation observation = Scripted.run(adapter(), onRcpt().willReply(450, "4.2.1", "Mailbox busy"));

        Outcome outcome = Scripted.outcome(observation);
        assertKindAndCode(outcome, Kind.TRANSIENT, 450);
        assertThat(outcome.rejected()).isEqualTo(Map.of("bob@mx.test", 450));
    }

    @Test
    void one_of_two_recipients_refused_is_reported_with_its_code() {
        Observation observation = Scripted.run(
                adapter(), TWO_RECIPIENTS, onRcptTo(domain("blocked.test")).willReply(550, "5.1.1", "No such user"));

        assertOneOfTwoRecipientsRefused(observation);
    }

    @Test
    void a_451_at_the_end_of_data_is_transient_451() {
        Observation observation = Scripted.run(adapter(), onMessage().willReply(451, "4.3.0", "Try again later"));

        assertKindAndCode(Scripted.outcome(observation), Kind.TRANSIENT, 451);
        assertThat(observation.messages()).isEmpty();
    }

    @Test
    void a_554_at_the_end_of_data_is_permanent_554() {
        Observation observation = Scripted.run(adapter(), onMessage().willReply(554, "5.7.1", "Rejected for content"));

        assertKindAndCode(Scripted.outcome(observation), Kind.PERMANENT, 554);
    }

    @Test
    void bad_credentials_535_are_a_permanent_auth_failure() {
        Observation observation = Scripted.run(
                adapter(),
                Scripted.STANDARD.withCredentials("ann", "wrong"),
                server -> server.credentials("ann", "secret"));

        assertKindAndCode(Scripted.outcome(observation), Kind.AUTH_FAILED_PERMANENT, 535);
        assertThat(observation.sent("MAIL")).isFalse();
    }

    @Test
    void a_454_to_auth_is_a_temporary_auth_failure() {
        Observation observation = Scripted.run(
                adapter(),
                Scripted.STANDARD.withCredentials("ann", "secret"),
                server -> server.credentials("ann", "secret"),
                onAuth().willReply(454, "4.7.0", "Temporary authentication failure"));

        assertKindAndCode(Scripted.outcome(observation), Kind.AUTH_FAILED_TEMPORARY, 454);
        assertThat(observation.sent("MAIL")).isFalse();
    }

    @Test
    void good_credentials_after_required_starttls_deliver_with_the_endpoint_trust() {
        Observation observation = Scripted.run(
                adapter(),
                Scripted.STANDARD
                        .withSecurity(MailRequest.Security.STARTTLS_REQUIRED)
                        .withCredentials("ann", "secret"),
                server -> server.enable(SmtpExtension.STARTTLS).credentials("ann", "secret"));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.verbs()).containsSubsequence("EHLO", "STARTTLS", "EHLO", "AUTH", "MAIL");
        assertThat(observation.messages()).hasSize(1);
    }

    @Test
    void starttls_required_but_not_offered_is_tls_failed_and_nothing_is_sent() {
        Observation observation =
                Scripted.run(adapter(), Scripted.STANDARD.withSecurity(MailRequest.Security.STARTTLS_REQUIRED));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.TLS_FAILED);
        assertThat(observation.sent("MAIL")).isFalse();
    }

    /**
     * A 454 to STARTTLS when TLS is required: nothing more than QUIT is sent, and the refusal is
     * reported (clients differ in how: see the subclasses).
     */
    abstract void assertStartTlsRefused(Outcome outcome);

    @Test
    void starttls_refused_with_454_ends_the_session_before_mail() {
        Observation observation = Scripted.run(
                adapter(),
                Scripted.STANDARD.withSecurity(MailRequest.Security.STARTTLS_REQUIRED),
                server -> server.enable(SmtpExtension.STARTTLS),
                dev.twofifty.script.Rules.onStartTls().willReply(454, "4.7.0", "TLS not available"));

        assertStartTlsRefused(Scripted.outcome(observation));
        assertThat(observation.sent("MAIL")).isFalse();
        assertThat(observation.sent("AUTH")).isFalse();
    }

    @Test
    void implicit_tls_delivers_with_the_endpoint_trust() {
        Observation observation =
                Scripted.run(adapter(), Scripted.STANDARD.withSecurity(MailRequest.Security.IMPLICIT_TLS));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.messages()).hasSize(1);
    }

    @Test
    void a_stalled_server_is_a_lost_connection_within_the_endpoint_timeout() {
        long start = System.nanoTime();
        Observation observation = Scripted.run(adapter(), onMail().willFault(Fault.stall()));

        assertKindAndCode(Scripted.outcome(observation), Kind.TRANSIENT, 0);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_connection_closed_by_the_server_is_a_lost_connection() {
        Observation observation = Scripted.run(adapter(), onMail().willFault(Fault.close()));

        assertKindAndCode(Scripted.outcome(observation), Kind.TRANSIENT, 0);
    }

    /**
     * Angus Mail's default ({@code mail.smtp.sendpartial=false}), for the clients built on it: one
     * refused address fails the whole message before DATA, and the refusal names the address and code.
     */
    static void assertAngusRefusesTheWholeMessage(Observation observation) {
        Outcome outcome = Scripted.outcome(observation);
        assertKindAndCode(outcome, Kind.PERMANENT, 550);
        assertThat(outcome.rejected()).isEqualTo(Map.of("eve@blocked.test", 550));
        assertThat(observation.sent("DATA")).isFalse();
    }

    /**
     * Angus Mail reports a refused STARTTLS as a plain {@code MessagingException} carrying the reply
     * (catalogue §3.2 names TLS only for "STARTTLS is required" and "Could not convert socket to TLS"),
     * so the clients built on it report the refusal by its code.
     */
    static void assertAngusReportsTheStartTlsReply(Outcome outcome) {
        assertKindAndCode(outcome, Kind.TRANSIENT, 454);
        assertThat(outcome.detail()).contains("454 4.7.0 TLS not available");
    }

    /** What the client reports when the server's certificate is not the one the endpoint trusts. */
    abstract Kind withACertificateTheEndpointDoesNotTrust();

    /**
     * The adapter's trust is the endpoint's: with an endpoint that trusts another certificate, a
     * client that checks certificates must refuse the server (or, trusting every host by its defaults,
     * deliver).
     */
    @Test
    void a_server_certificate_the_endpoint_does_not_trust() throws Exception {
        X509Certificate stranger = new CertificateBuilder()
                .subject("CN=stranger.test")
                .ecp256()
                .setIsCertificateAuthority(true)
                .buildSelfSigned()
                .getCertificate();
        try (FakeSmtpServer server = FakeSmtpServer.start(
                ServerConfig.builder().enable(SmtpExtension.STARTTLS).build())) {
            Endpoint endpoint = new Endpoint(
                    server.host(), server.port(), -1, trusting(stranger), stranger, Scripted.CLIENT_TIMEOUT);

            List<Outcome> outcomes =
                    adapter().send(endpoint, Scripted.STANDARD.withSecurity(MailRequest.Security.STARTTLS_REQUIRED));

            assertThat(outcomes)
                    .singleElement()
                    .satisfies(outcome -> assertThat(outcome.kind())
                            .as(outcome.toString())
                            .isEqualTo(withACertificateTheEndpointDoesNotTrust()));
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("stranger", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static void assertKindAndCode(Outcome outcome, Kind kind, int code) {
        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(kind);
        assertThat(outcome.code()).as(outcome.toString()).isEqualTo(code);
    }

    /** Rejects the second transaction's MAIL once, for clients that send several messages. */
    static dev.twofifty.script.Rule secondMailRejected() {
        return onMail().matching(transactionNumber(2))
                .willReply(550, "5.7.1", "Not this one")
                .once();
    }
}
