package dev.twofifty.conformance.adapters;

import static dev.twofifty.script.Rules.onMail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commons Email: what it reports, mapped to outcomes (shared cases in the contract). */
class CommonsEmailAdapterTest extends AdapterMappingContract {

    @Override
    ClientAdapter adapter() {
        return new CommonsEmailAdapter();
    }

    @Override
    void assertOneOfTwoRecipientsRefused(Observation observation) {
        assertAngusRefusesTheWholeMessage(observation);
    }

    /** Angus checks the certificate with the endpoint's trust: "Could not convert socket to TLS". */
    @Override
    Kind withACertificateTheEndpointDoesNotTrust() {
        return Kind.TLS_FAILED;
    }

    @Override
    void assertStartTlsRefused(Outcome outcome) {
        assertAngusReportsTheStartTlsReply(outcome);
    }

    /**
     * Commons Email sends with {@code Transport.send}, which closes the transport in a {@code finally}
     * block: when the QUIT it sends there fails on the socket the server closed after its 421, that
     * failure replaces the 421 (a race), so the caller sees a lost connection or the 421, TRANSIENT
     * either way. (Spring and Simple Java Mail keep the 421: they close separately or with try-with-resources.)
     */
    @Override
    @Test
    void a_421_to_mail_is_transient_421() {
        Observation observation = Scripted.run(adapter(), onMail().willReply(421, "4.3.2", "Shutting down"));

        Outcome outcome = Scripted.outcome(observation);
        assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.code()).as(outcome.toString()).isIn(421, 0);
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
}
