package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simple Java Mail: what it reports, mapped to outcomes (shared cases in the contract). */
class SimpleJavaMailAdapterTest extends MessagePerConnectionMappingContract {

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
