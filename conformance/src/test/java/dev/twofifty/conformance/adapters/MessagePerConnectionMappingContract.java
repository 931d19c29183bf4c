package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Outcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mapping contract, plus what the libraries that send each message with {@code Transport.send} on Angus
 * Mail have in common (Commons Email, Simple Java Mail): a connection per message, an envelope taken from the
 * request rather than the headers, and local refusals of what their API cannot express or will not send.
 */
abstract class MessagePerConnectionMappingContract extends AdapterMappingContract {

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
