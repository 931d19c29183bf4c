package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commons Net's {@code SMTPClient} family driven by the adapter's flow: replies mapped to outcomes. */
class CommonsNetAdapterTest extends AdapterMappingContract {

    @Override
    ClientAdapter adapter() {
        return new CommonsNetAdapter();
    }

    /** The flow's policy: the message goes to the recipients that were accepted. */
    @Override
    void assertOneOfTwoRecipientsRefused(Observation observation) {
        Outcome outcome = Scripted.outcome(observation);
        assertThat(outcome.kind()).isEqualTo(Kind.PARTIAL);
        assertThat(outcome.accepted()).containsExactly("bob@mx.test");
        assertThat(outcome.rejected()).isEqualTo(Map.of("eve@blocked.test", 550));
        assertThat(observation.messages())
                .singleElement()
                .satisfies(message ->
                        assertThat(message.envelope().recipientAddresses()).containsExactly("bob@mx.test"));
    }

    /** The handshake fails against the trust manager built from the endpoint's certificate. */
    @Override
    Kind withACertificateTheEndpointDoesNotTrust() {
        return Kind.TLS_FAILED;
    }

    @Override
    void assertStartTlsRefused(Outcome outcome) {
        assertThat(outcome.kind()).isEqualTo(Kind.TLS_FAILED);
        assertThat(outcome.detail()).contains("454 4.7.0 TLS not available");
    }

    @Test
    void several_messages_go_over_one_connection_and_fail_one_by_one() {
        Observation observation = Scripted.run(adapter(), Scripted.STANDARD.repeated(3), secondMailRejected());

        assertThat(observation.outcomes())
                .extracting(Outcome::kind)
                .containsExactly(Kind.DELIVERED, Kind.PERMANENT, Kind.DELIVERED);
        assertThat(observation.outcomes().get(1).code()).isEqualTo(550);
        assertThat(observation.sessions()).hasSize(1);
        assertThat(observation.verbs()).containsSubsequence("MAIL", "DATA", "MAIL", "RSET", "MAIL", "DATA", "QUIT");
        assertThat(observation.messages()).hasSize(2);
    }

    @Test
    void the_null_sender_is_sent_as_an_empty_path() {
        Observation observation =
                Scripted.run(adapter(), MailRequest.of("", List.of("bob@mx.test"), ConformanceCase.STANDARD_MESSAGE));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.first("MAIL").orElseThrow().command().line()).isEqualTo("MAIL FROM:<>");
    }

    @Test
    void a_server_without_auth_fails_the_login_the_caller_asked_for_and_quits() {
        Observation observation = Scripted.run(adapter(), Scripted.STANDARD.withCredentials("ann", "secret"));

        Outcome outcome = Scripted.outcome(observation);
        assertKindAndCode(outcome, Kind.AUTH_FAILED_PERMANENT, 0);
        assertThat(observation.verbs()).containsExactly("EHLO", "QUIT");
    }

    @Test
    void dsn_and_smtputf8_parameters_are_added_when_advertised() {
        Observation observation = Scripted.run(
                adapter(),
                MailRequest.of("ann@client.test", List.of("j\u00fcrgen@mx.test"), ConformanceCase.STANDARD_MESSAGE)
                        .withDsn("SUCCESS,FAILURE", "HDRS"));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.first("MAIL").orElseThrow().command().line())
                .isEqualTo("MAIL FROM:<ann@client.test> SMTPUTF8 RET=HDRS");
        assertThat(observation.first("RCPT").orElseThrow().command().line())
                .isEqualTo("RCPT TO:<j\u00fcrgen@mx.test> NOTIFY=SUCCESS,FAILURE");
    }

    @Test
    void dsn_parameters_are_left_out_when_the_server_does_not_offer_dsn() {
        Observation observation = Scripted.run(
                adapter(),
                Scripted.STANDARD.withDsn("SUCCESS", "FULL"),
                server -> server.disable(dev.twofifty.SmtpExtension.DSN));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.first("MAIL").orElseThrow().command().line()).isEqualTo("MAIL FROM:<ann@client.test>");
    }

    /**
     * A finding about Commons Net, not the flow: it writes the caller's address into the command as it
     * is, so CR LF in a sender injects a command (the case CMD-CRLF-INJECTION, catalogue §2.5).
     */
    @Test
    void cr_lf_in_the_sender_reaches_the_server_as_an_injected_command() {
        Observation observation = Scripted.run(
                adapter(),
                MailRequest.of(
                        "ann@client.test\r\nRCPT TO:<victim@evil.test>",
                        List.of("bob@mx.test"),
                        ConformanceCase.STANDARD_MESSAGE));

        assertThat(observation.clientLines()).contains("RCPT TO:<victim@evil.test>>");
        assertThat(Scripted.outcome(observation).kind()).isNotEqualTo(Kind.UNKNOWN);
    }

    @Test
    void eight_bit_content_is_declared_when_the_server_offers_8bitmime_and_refused_otherwise() {
        MailRequest eightBit =
                MailRequest.of("ann@client.test", List.of("bob@mx.test"), "Subject: caf\u00e9\r\n\r\ncaf\u00e9\r\n");

        Observation offered = Scripted.run(adapter(), eightBit);
        Observation notOffered =
                Scripted.run(adapter(), eightBit, server -> server.disable(dev.twofifty.SmtpExtension.EIGHT_BIT_MIME));

        assertThat(Scripted.outcome(offered).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(offered.first("MAIL").orElseThrow().command().line())
                .isEqualTo("MAIL FROM:<ann@client.test> BODY=8BITMIME");
        assertThat(offered.messages().get(0).raw())
                .isEqualTo(eightBit.messages().get(0));
        assertThat(Scripted.outcome(notOffered).kind()).isEqualTo(Kind.LOCAL_REJECT);
        assertThat(notOffered.sent("MAIL")).isFalse();
    }

    @Test
    void a_utf8_envelope_is_refused_when_the_server_does_not_offer_smtputf8() {
        Observation observation = Scripted.run(
                adapter(),
                MailRequest.of("ann@client.test", List.of("j\u00fcrgen@mx.test"), ConformanceCase.STANDARD_MESSAGE),
                server -> server.disable(dev.twofifty.SmtpExtension.SMTPUTF8));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.LOCAL_REJECT);
        assertThat(observation.sent("MAIL")).isFalse();
        assertThat(observation.verbs()).endsWith("QUIT");
    }
}
