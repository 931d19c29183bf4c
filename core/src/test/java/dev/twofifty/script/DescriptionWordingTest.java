package dev.twofifty.script;

import static dev.twofifty.script.Matchers.address;
import static dev.twofifty.script.Matchers.authenticatedAs;
import static dev.twofifty.script.Matchers.body;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Matchers.header;
import static dev.twofifty.script.Matchers.not;
import static dev.twofifty.script.Matchers.parameter;
import static dev.twofifty.script.Matchers.recipientNumber;
import static dev.twofifty.script.Matchers.sender;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onNoop;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact wording of rule, matcher and mismatch descriptions, so that report regressions fail. */
class DescriptionWordingTest {

    @Test
    void a_mismatch_reads_field_expected_and_actual() {
        assertThat(new Mismatch("domain", "\"blocked.example\"", "<bob@example.org>"))
                .hasToString("domain: expected \"blocked.example\" but was <bob@example.org>");
    }

    @Test
    void a_rule_with_a_matcher_and_a_reply() {
        assertThat(onRcptTo(domain("blocked.example"))
                        .willReply(550, "5.1.1", "No such user")
                        .describe())
                .isEqualTo("on RCPT where domain is \"blocked.example\" → reply 550 5.1.1 No such user");
    }

    @Test
    void a_named_rule_starts_with_its_name() {
        assertThat(onMail().willReply(451, "4.3.0", "Busy").named("busy sender").describe())
                .isEqualTo("\"busy sender\" on MAIL → reply 451 4.3.0 Busy");
    }

    @Test
    void a_sequence_lists_its_actions_and_how_often_it_fires() {
        assertThat(onMessage()
                        .willReply(451, "4.3.0", "Busy")
                        .thenReply(451, "4.3.0", "Busy")
                        .thenReply(250, "2.0.0", "OK")
                        .describe())
                .isEqualTo("on MESSAGE → reply 451 4.3.0 Busy, then reply 451 4.3.0 Busy, then reply 250 2.0.0 OK"
                        + " (3 times)");
    }

    @Test
    void times_shows_its_scope_and_a_priority_other_than_the_default_is_shown() {
        assertThat(onRcpt().willReply(450, "4.2.0", "Greylisted")
                        .once()
                        .perRecipient()
                        .atPriority(1)
                        .describe())
                .isEqualTo("on RCPT → reply 450 4.2.0 Greylisted (1 time per recipient) [priority 1]");
        assertThat(onRcpt().willReply(450, "4.2.0", "Greylisted").times(2).describe())
                .isEqualTo("on RCPT → reply 450 4.2.0 Greylisted (2 times)");
    }

    @Test
    void a_scenario_rule_shows_the_scenario_the_required_state_and_the_new_state() {
        assertThat(onMail().inScenario("retry")
                        .whenScenarioStateIs(Rule.STARTED)
                        .willReply(451, "4.3.0", "Busy")
                        .willSetStateTo("ready")
                        .perSender()
                        .describe())
                .isEqualTo(
                        "on MAIL in scenario \"retry\" state \"Started\" → reply 451 4.3.0 Busy, set state \"ready\"");
    }

    @Test
    void a_default_reply_after_a_delay() {
        assertThat(onConnect().willDelay(Duration.ofMillis(200)).describe())
                .isEqualTo("on CONNECT → default reply after 200 ms");
        assertThat(Action.reply(451, "4.3.0", "Try again later")
                        .withDelay(Duration.ofMillis(200))
                        .describe())
                .isEqualTo("reply 451 4.3.0 Try again later after 200 ms");
    }

    @Test
    void faults_with_and_without_a_reply() {
        assertThat(onMail().willFault(Fault.close()).describe()).isEqualTo("on MAIL → fault: close without reply");
        assertThat(onMail().willReply(421, "4.3.2", "Bye")
                        .willFault(Fault.replyThenClose())
                        .describe())
                .isEqualTo("on MAIL → reply 421 4.3.2 Bye, then fault: close after the reply");
    }

    @Test
    void a_multi_line_reply_shows_its_lines_separated_by_slashes() {
        assertThat(onNoop().willReply(250, "2.0.0", "first", "second").describe())
                .isEqualTo("on NOOP → reply 250 2.0.0 first / second");
    }

    @Test
    void matchers_describe_themselves_and_compose() {
        List<Matcher> matchers = List.of(
                address("bob@example.org"),
                sender(""),
                parameter("SIZE"),
                parameter("BODY", "8BITMIME"),
                header("Subject", ".*invoice.*"),
                body("pay now"),
                sessionNumber(2),
                recipientNumber(3),
                tlsActive(),
                authenticatedAs("ann"),
                not(domain("example.org")),
                domain("a.example").and(domain("b.example").or(sender("x@y.example"))));

        assertThat(matchers)
                .extracting(Matcher::describe)
                .containsExactly(
                        "address is \"bob@example.org\"",
                        "sender address is \"\"",
                        "parameter SIZE is present",
                        "parameter BODY matches /8BITMIME/",
                        "header Subject matches /.*invoice.*/",
                        "body contains /pay now/",
                        "session number is 2",
                        "recipient number is 3",
                        "TLS is active",
                        "authenticated as \"ann\"",
                        "not (domain is \"example.org\")",
                        "domain is \"a.example\" and (domain is \"b.example\" or sender address is \"x@y.example\")");
    }

    @Test
    void random_delays_fragments_and_every_fault_are_described() {
        assertThat(onMail().willDelay(Delay.uniform(Duration.ofMillis(100), Duration.ofSeconds(2))
                                .withSeed(42))
                        .describe())
                .isEqualTo("on MAIL → default reply after 100 ms to 2 s (uniform, seed 42)");
        assertThat(onMail().willDelay(Delay.logNormal(Duration.ofMillis(200), 0.5))
                        .describe())
                .isEqualTo("on MAIL → default reply after median 200 ms (log-normal, sigma 0.5)");
        assertThat(onMail().willFragment(Duration.ofMillis(50), 3, 4).describe())
                .isEqualTo("on MAIL → default reply split at octets [3, 4] with 50 ms between fragments");
        assertThat(onEhlo().willAdvertise(CapabilityChange.without("CHUNKING").andWith("XFOO"))
                        .describe())
                .isEqualTo("on EHLO → default reply advertising without CHUNKING; with XFOO");
        assertThat(List.of(
                        Fault.close(),
                        Fault.reset(),
                        Fault.stall(),
                        Fault.replyThenClose(),
                        Fault.garbageThenClose(new byte[] {1, 2, 3}),
                        Fault.closeAfterContentBytes(100),
                        Fault.tlsHandshakeFailure(),
                        Fault.stopReading()))
                .extracting(Fault::describe)
                .containsExactly(
                        "close without reply",
                        "reset without reply",
                        "stall",
                        "close after the reply",
                        "3 octets of garbage, then close",
                        "close after 100 octets of content",
                        "TLS handshake failure",
                        "stop reading");
    }

    @Test
    void a_capability_change_and_a_drip_are_described() {
        assertThat(onEhlo().willAdvertise(CapabilityChange.without("PIPELINING"))
                        .describe())
                .isEqualTo("on EHLO → default reply advertising without PIPELINING");
        assertThat(onNoop().willDrip(Duration.ofMillis(100)).describe())
                .isEqualTo("on NOOP → default reply dripped over 100 ms");
    }
}
