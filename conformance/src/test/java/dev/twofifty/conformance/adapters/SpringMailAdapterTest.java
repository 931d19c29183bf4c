package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spring's {@code JavaMailSenderImpl}: what it reports, mapped to outcomes (shared cases in the contract). */
class SpringMailAdapterTest extends AdapterMappingContract {

    @Override
    ClientAdapter adapter() {
        return new SpringMailAdapter();
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

    @Test
    void several_messages_go_over_one_connection_and_fail_one_by_one() {
        Observation observation = Scripted.run(adapter(), Scripted.STANDARD.repeated(2), secondMailRejected());

        assertThat(observation.outcomes()).extracting(Outcome::kind).containsExactly(Kind.DELIVERED, Kind.PERMANENT);
        assertThat(observation.outcomes().get(1).code()).isEqualTo(550);
        assertThat(observation.sessions()).hasSize(1);
        assertThat(observation.messages()).hasSize(1);
    }

    @Test
    void the_null_sender_is_sent_as_an_empty_path() {
        Observation observation =
                Scripted.run(adapter(), MailRequest.of("", List.of("bob@mx.test"), ConformanceCase.STANDARD_MESSAGE));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.first("MAIL").orElseThrow().command().line()).isEqualTo("MAIL FROM:<>");
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
    void dsn_options_are_sent_when_the_server_offers_dsn() {
        Observation observation = Scripted.run(adapter(), Scripted.STANDARD.withDsn("SUCCESS,FAILURE", "HDRS"));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.first("MAIL").orElseThrow().command().line()).contains("RET=HDRS");
        assertThat(observation.first("RCPT").orElseThrow().command().line()).contains("NOTIFY=SUCCESS,FAILURE");
    }

    @Test
    void a_utf8_envelope_is_sent_with_smtputf8() {
        Observation observation = Scripted.run(
                adapter(),
                MailRequest.of("ann@client.test", List.of("j\u00fcrgen@mx.test"), ConformanceCase.STANDARD_MESSAGE));

        assertThat(Scripted.outcome(observation).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(observation.first("MAIL").orElseThrow().command().line()).contains("SMTPUTF8");
        assertThat(observation.first("RCPT").orElseThrow().command().line()).isEqualTo("RCPT TO:<j\u00fcrgen@mx.test>");
    }

    /**
     * Why the adapter does not declare RAW_CONTENT: Spring calls {@code saveChanges()} and sets a date,
     * so a prepared message without Date, Message-ID and MIME-Version arrives with them.
     */
    @Test
    void a_prepared_message_gains_headers_so_raw_content_is_not_declared() {
        String prepared = "From: ann@client.test\r\nTo: bob@mx.test\r\nSubject: raw\r\n\r\nbody\r\n";
        Observation observation =
                Scripted.run(adapter(), MailRequest.of("ann@client.test", List.of("bob@mx.test"), prepared));

        String received = observation.messages().get(0).rawText();
        assertThat(received)
                .contains("Date: ", "Message-ID: ", "MIME-Version: 1.0")
                .isNotEqualTo(prepared);
        assertThat(adapter().features()).doesNotContain(Feature.RAW_CONTENT);
    }
}
