package dev.twofifty.conformance.adapters;

import static dev.twofifty.script.Rules.onMail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ClientAdapter;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import org.junit.jupiter.api.Test;

/** Commons Email: what it reports, mapped to outcomes (shared cases in the contract). */
class CommonsEmailAdapterTest extends MessagePerConnectionMappingContract {

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
}
