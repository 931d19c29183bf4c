package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simple Java Mail: what it reports, mapped to outcomes (shared cases in the contract). */
class SimpleJavaMailAdapterTest extends AdapterMappingContract {

    @Override
    ClientAdapter adapter() {
        return new SimpleJavaMailAdapter();
    }

    @Override
    void assertOneOfTwoRecipientsRefused(Observation observation) {
        assertAngusRefusesTheWholeMessage(observation);
    }

    /** Simple Java Mail trusts every host by default ({@code trustingAllHosts(true)}): a certificate nobody vouches for is accepted (its name, 127.0.0.1, still matches). */
    @Override
    Kind withACertificateTheEndpointDoesNotTrust() {
        return Kind.DELIVERED;
    }

    @Override
    void assertStartTlsRefused(Outcome outcome) {
        assertAngusReportsTheStartTlsReply(outcome);
    }

    @Test
    void several_messages_go_one_connection_each() {
        Observation observation = Scripted.run(adapter(), Scripted.STANDARD.repeated(2));

        assertThat(observation.outcomes()).extracting(Outcome::kind).containsExactly(Kind.DELIVERED, Kind.DELIVERED);
        assertThat(observation.sessions()).hasSize(2);
    }

    @Test
    void the_null_sender_cannot_be_expressed_and_nothing_is_sent() {
        Observation observation =
                Scripted.run(adapter(), MailRequest.of("", List.of("bob@mx.test"), ConformanceCase.STANDARD_MESSAGE));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.LOCAL_REJECT);
        assertThat(observation.sessions()).isEmpty();
    }

    @Test
    void cr_lf_in_the_sender_is_refused_locally_and_never_reaches_the_server() {
        Observation observation = Scripted.run(
                adapter(),
                MailRequest.of(
                        "ann@client.test\r\nRCPT TO:<victim@evil.test>",
                        List.of("bob@mx.test"),
                        ConformanceCase.STANDARD_MESSAGE));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.LOCAL_REJECT);
        assertThat(observation.clientLines()).noneMatch(line -> line.contains("victim"));
    }

    @Test
    void the_envelope_is_the_requests_not_the_headers() {
        Observation observation = Scripted.run(
                adapter(),
                MailRequest.of(
                        "bounces@client.test",
                        List.of("bob@mx.test", "carol@mx.test"),
                        ConformanceCase.STANDARD_MESSAGE));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.messages()).singleElement().satisfies(message -> {
            assertThat(message.envelope().sender()).isEqualTo("bounces@client.test");
            assertThat(message.envelope().recipientAddresses()).containsExactly("bob@mx.test", "carol@mx.test");
        });
    }

    /** Plain SMTP is opportunistic STARTTLS by Simple Java Mail's default; a request without TLS turns it off. */
    @Test
    void starttls_is_used_only_when_the_request_asks_for_it() {
        Observation plain = Scripted.run(adapter(), Scripted.STANDARD, server -> server.enable(SmtpExtension.STARTTLS));
        Observation opportunistic = Scripted.run(
                adapter(),
                Scripted.STANDARD.withSecurity(MailRequest.Security.STARTTLS_IF_OFFERED),
                server -> server.enable(SmtpExtension.STARTTLS));

        assertThat(plain.sent("STARTTLS")).isFalse();
        assertThat(opportunistic.verbs()).containsSubsequence("EHLO", "STARTTLS", "EHLO", "MAIL");
        assertThat(List.of(Scripted.outcome(plain), Scripted.outcome(opportunistic)))
                .extracting(Outcome::kind)
                .containsOnly(Kind.DELIVERED);
    }
}
