package dev.twofifty.script;

import static dev.twofifty.script.Rules.onAnyStep;
import static dev.twofifty.script.Rules.onBdat;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onStartTls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.twofifty.FakeSmtpServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules that cannot work are rejected when they are built or added, with a message that says why. */
class RuleValidationTest {

    @Test
    void close_after_content_bytes_is_only_for_data_and_bdat() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMessage().willFault(Fault.closeAfterContentBytes(10)))
                .withMessage("Fault.closeAfterContentBytes applies to DATA or BDAT, not MESSAGE");
        assertThatCode(() -> onData().willFault(Fault.closeAfterContentBytes(10)))
                .doesNotThrowAnyException();
        assertThatCode(() -> onBdat().willFault(Fault.closeAfterContentBytes(10)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_negative_content_byte_count_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Fault.closeAfterContentBytes(-1))
                .withMessage("The content byte count must not be negative: -1");
    }

    @Test
    void tls_handshake_failure_is_only_for_starttls() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onEhlo().willFault(Fault.tlsHandshakeFailure()))
                .withMessage("Fault.tlsHandshakeFailure applies to STARTTLS, not EHLO");
        assertThatCode(() -> onStartTls().willFault(Fault.tlsHandshakeFailure()))
                .doesNotThrowAnyException();
    }

    @Test
    void a_capability_change_is_only_for_ehlo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willAdvertise(CapabilityChange.without("SIZE")))
                .withMessage("A capability change applies to EHLO, not MAIL");
    }

    @Test
    void rules_on_any_step_may_carry_step_specific_actions() {
        assertThatCode(() -> onAnyStep()
                        .willFault(Fault.closeAfterContentBytes(1))
                        .then(Action.fault(Fault.tlsHandshakeFailure()))
                        .then(Action.DEFAULT.withCapabilities(CapabilityChange.with("X"))))
                .doesNotThrowAnyException();
    }

    @Test
    void a_reply_with_a_fault_that_sends_no_reply_is_rejected_whichever_comes_first() {
        String message =
                "The fault \"close without reply\" sends no reply, so the reply 250 2.1.0 OK would never be sent; use"
                        + " Fault.replyThenClose() to send a reply and then close";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willReply(250, "2.1.0", "OK").willFault(Fault.close()))
                .withMessage(message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willFault(Fault.close()).willReply(250, "2.1.0", "OK"))
                .withMessage(message);
    }

    @Test
    void every_fault_that_sends_no_reply_refuses_a_reply() {
        for (Fault fault : List.of(Fault.close(), Fault.reset(), Fault.stall(), Fault.garbageThenClose())) {
            assertThatIllegalArgumentException()
                    .as("%s", fault)
                    .isThrownBy(() -> onMail().willFault(fault).willReply(451, "4.3.0", "Busy"))
                    .withMessageStartingWith("The fault \"" + fault.describe() + "\" sends no reply");
        }
        assertThatCode(() -> onMail().willReply(421, "4.3.2", "Bye").willFault(Fault.replyThenClose()))
                .doesNotThrowAnyException();
        assertThatCode(() -> onMail().willReply(250, "2.1.0", "OK").willFault(Fault.stopReading()))
                .doesNotThrowAnyException();
    }

    @Test
    void times_must_be_at_least_one() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().times(0))
                .withMessage("times must be at least 1 but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().times(-3))
                .withMessage("times must be at least 1 but was -3");
    }

    @Test
    void a_scenario_state_needs_a_scenario() {
        String message = "A rule with a scenario state needs a scenario: call inScenario(name) first";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().whenScenarioStateIs("ready"))
                .withMessage(message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willSetStateTo("ready"))
                .withMessage(message);
    }

    @Test
    void rules_of_one_scenario_must_keep_it_per_the_same_scope() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().inScenario("retry").willSetStateTo("ready").perSession());

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> smtp.stubFor(onRcpt().inScenario("retry").perRecipient()))
                    .withMessage("Scenario \"retry\" is kept per SESSION by rule r1, but this rule keeps it per"
                            + " RECIPIENT; give all rules of a scenario the same scope");
            assertThat(smtp.rules()).hasSize(1);
        }
    }

    @Test
    void a_malformed_address_in_a_matcher_is_rejected_when_the_rule_is_built() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Matchers.recipient("bob@"))
                .withMessage("Not a mailbox address (local@domain): 'bob@'");
        assertThatCode(() -> Matchers.recipient("Postmaster")).doesNotThrowAnyException();
    }

    @Test
    void replies_delays_and_deliveries_check_their_values() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willReply(199, "Too low"))
                .withMessage("Reply code must be 200 to 599 (RFC 5321 §4.2) but was 199");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willReply(250, "5.1.1", "Mismatched classes"))
                .withMessage(
                        "Enhanced status code 5.1.1 does not match reply code 250: the class must be 2 (RFC 3463 §2)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willReply(250, "2.0.0", "two\r\nlines"))
                .withMessage("Reply text must not contain CR or LF; pass several lines instead: \"two\\r\\nlines\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willDelay(Duration.ofMillis(-1)))
                .withMessage("A delay must not be negative: PT-0.001S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Delay.uniform(Duration.ofMillis(300), Duration.ofMillis(100)))
                .withMessage("A uniform delay needs 0 <= min <= max but had min PT0.3S, max PT0.1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> onMail().willFragment(Duration.ofMillis(10), 4, 3))
                .withMessage("Split offsets must be increasing and greater than 0 but were [4, 3]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CapabilityChange.with("X\r\nY"))
                .withMessage("A capability line must be non-blank text without CR or LF: 'X\\r\\nY'");
    }
}
