package dev.twofifty.conformance.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command line adapter: every placeholder the docs' client scripts use, the security a case asks for and
 * exit statuses as outcomes without a reply code.
 */
@Timeout(30)
class CommandAdapterTest {

    private static FakeSmtpServer server;

    @BeforeAll
    static void start() {
        server = FakeSmtpServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Endpoint endpoint() {
        return new Endpoint(
                server.host(),
                server.port(),
                -1,
                server.clientSslContext(),
                server.certificate(),
                Duration.ofSeconds(3));
    }

    private static String command(String template, MailRequest request) {
        return new CommandAdapter("test", template, EnumSet.noneOf(Feature.class))
                .command(endpoint(), request, Path.of("/tmp/m.eml"), Path.of("/tmp/ca.pem"));
    }

    @Test
    void security_helo_and_dsn_placeholders_say_what_the_case_asks() {
        MailRequest request = ConformanceCase.STANDARD_REQUEST
                .withSecurity(MailRequest.Security.STARTTLS_REQUIRED)
                .withDsn(new MailRequest.Dsn("SUCCESS,FAILURE", "HDRS", "id 1+2=3"))
                .withClientName("relay.client.test");

        assertThat(command("c {security} {helo} {notify} {ret} {envid} {timeout}", request))
                .isEqualTo("c 'starttls-required' 'relay.client.test' 'SUCCESS,FAILURE' 'HDRS' 'id 1+2=3' '3'");
    }

    @Test
    void without_a_name_dsn_or_tls_the_values_are_the_defaults_and_empty() {
        assertThat(command("c {security} {helo} {notify} {ret} {envid}", ConformanceCase.STANDARD_REQUEST))
                .isEqualTo("c 'none' 'client.test' '' '' ''");
        assertThat(CommandAdapter.security(MailRequest.Security.STARTTLS_IF_OFFERED))
                .isEqualTo("starttls");
        assertThat(CommandAdapter.security(MailRequest.Security.IMPLICIT_TLS)).isEqualTo("implicit-tls");
    }

    @Test
    void a_value_that_looks_like_a_placeholder_is_not_replaced_again() {
        MailRequest request =
                MailRequest.of("{port}@client.test", List.of("bob@mx.test"), ConformanceCase.STANDARD_MESSAGE);

        assertThat(command("c --from {from} --unknown {nothing}", request))
                .isEqualTo("c --from '{port}@client.test' --unknown {nothing}");
    }

    @Test
    void exit_statuses_are_outcomes_without_a_reply_code() {
        CommandAdapter adapter = new CommandAdapter("exits", "exit 75", EnumSet.noneOf(Feature.class))
                .mapExitCode(3, Outcome.Kind.LOCAL_REJECT);
        CommandAdapter permanent = new CommandAdapter("exits", "exit 1", EnumSet.noneOf(Feature.class));

        assertThat(adapter.send(endpoint(), ConformanceCase.STANDARD_REQUEST))
                .singleElement()
                .satisfies(outcome -> {
                    assertThat(outcome.label()).isEqualTo("TRANSIENT(no code)");
                    assertThat(outcome.code()).isEqualTo(Outcome.NO_CODE);
                    assertThat(outcome.detail()).isEqualTo("exit status 75");
                });
        assertThat(permanent.send(endpoint(), ConformanceCase.STANDARD_REQUEST))
                .extracting(Outcome::label)
                .containsExactly("PERMANENT(no code)");
    }
}
