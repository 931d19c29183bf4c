package dev.twofifty.script;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onNoop;
import static dev.twofifty.script.Rules.onRcpt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Scenario states and counts, kept per server, session, sender or recipient. */
@Timeout(10)
class ScenarioTest {

    private static final String BUSY = "451 4.3.0 Busy\r\n";

    @Test
    void a_server_scenario_moves_on_for_every_session() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            stubRetryScenario(smtp, Scope.SERVER);
            assertThat(smtp.scenarioStates()).as("before any step").isEqualTo(Map.of("retry", "Started"));

            assertThat(mailInNewSession(smtp, "ann@example.com")).isEqualTo(BUSY);
            assertThat(mailInNewSession(smtp, "ann@example.com")).isEqualTo("250 2.1.0 Welcome back\r\n");
            assertThat(mailInNewSession(smtp, "bob@example.com")).isEqualTo("250 2.1.0 Welcome back\r\n");
            assertThat(smtp.scenarioStates()).isEqualTo(Map.of("retry", "ready"));
        }
    }

    @Test
    void a_session_scenario_starts_again_in_each_session() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            stubRetryScenario(smtp, Scope.SESSION);

            for (int i = 0; i < 2; i++) {
                try (Conversation session = Conversation.afterEhlo(smtp)) {
                    assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
                    assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo("250 2.1.0 Welcome back\r\n");
                }
            }
            assertThat(smtp.scenarioStates())
                    .as("session scenarios are not listed")
                    .isEmpty();
        }
    }

    @Test
    void a_sender_scenario_is_kept_per_sender_with_the_domain_ignoring_case() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            stubRetryScenario(smtp, Scope.SENDER);

            assertThat(mailInNewSession(smtp, "ann@example.com")).isEqualTo(BUSY);
            assertThat(mailInNewSession(smtp, "bob@example.com")).isEqualTo(BUSY);
            assertThat(mailInNewSession(smtp, "ann@EXAMPLE.com")).isEqualTo("250 2.1.0 Welcome back\r\n");
            assertThat(mailInNewSession(smtp, "Ann@example.com")).isEqualTo(BUSY);
            assertThat(smtp.scenarioStates())
                    .isEqualTo(Map.of(
                            "retry [ann@example.com]", "ready",
                            "retry [bob@example.com]", "ready",
                            "retry [Ann@example.com]", "ready"));
        }
    }

    @Test
    void a_recipient_scenario_is_kept_per_recipient() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcpt().inScenario("greylist")
                    .whenScenarioStateIs(Rule.STARTED)
                    .willReply(450, "4.2.0", "Greylisted")
                    .willSetStateTo("seen")
                    .perRecipient());

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                List<String> replies = new ArrayList<>();
                for (String rcpt :
                        List.of("bob@example.org", "carl@example.org", "bob@example.org", "carl@example.org")) {
                    replies.add(session.send("RCPT TO:<" + rcpt + ">"));
                }

                assertThat(replies)
                        .containsExactly(
                                "450 4.2.0 Greylisted\r\n",
                                "450 4.2.0 Greylisted\r\n",
                                "250 2.1.5 Recipient <bob@example.org> OK\r\n",
                                "250 2.1.5 Recipient <carl@example.org> OK\r\n");
            }
            assertThat(smtp.scenarioStates())
                    .isEqualTo(Map.of("greylist [bob@example.org]", "seen", "greylist [carl@example.org]", "seen"));
        }
    }

    @Test
    void times_is_counted_per_recipient_when_scoped_so() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            ActiveRule rule = smtp.stubFor(
                    onRcpt().willReply(450, "4.2.0", "Try again").times(2).perRecipient());

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                List<String> codes = new ArrayList<>();
                for (String rcpt : List.of("bob", "carl", "bob", "carl", "bob", "carl")) {
                    codes.add(session.send("RCPT TO:<" + rcpt + "@example.org>").substring(0, 3));
                }

                assertThat(codes).containsExactly("450", "450", "450", "450", "250", "250");
            }
            assertThat(rule.timesFired()).isEqualTo(4);
        }
    }

    @Test
    void times_is_counted_per_session_when_scoped_so() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(
                    onNoop().willReply(250, "2.0.0", "First in session").once().perSession());

            for (int i = 0; i < 2; i++) {
                try (Conversation session = Conversation.afterEhlo(smtp)) {
                    assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 First in session\r\n");
                    assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                }
            }
        }
    }

    @Test
    void a_rule_without_a_required_state_applies_in_any_state_and_can_move_the_scenario() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().inScenario("s").willSetStateTo("noop-seen"));
            smtp.stubFor(
                    onMail().inScenario("s").whenScenarioStateIs("noop-seen").willReply(250, "2.1.0", "After NOOP"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).startsWith("250 2.1.0 Sender");
                session.send("RSET");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 OK\r\n");
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo("250 2.1.0 After NOOP\r\n");
            }
            assertThat(smtp.scenarioStates()).isEqualTo(Map.of("s", "noop-seen"));
        }
    }

    @Test
    void reset_scenarios_puts_states_back_to_started_and_counts_to_zero_keeping_the_rules() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            stubRetryScenario(smtp, Scope.SERVER);
            ActiveRule once =
                    smtp.stubFor(onNoop().willReply(250, "2.0.0", "Once").once());
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 Once\r\n");
            }

            smtp.resetScenarios();

            assertThat(smtp.scenarioStates()).isEqualTo(Map.of("retry", "Started"));
            assertThat(smtp.rules()).hasSize(3);
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 Once\r\n");
            }
            assertThat(once.timesFired()).as("fired across the reset").isEqualTo(2);
        }
    }

    @Test
    void reset_scenarios_also_resets_the_counts_and_states_of_open_sessions() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            stubRetryScenario(smtp, Scope.SESSION);
            smtp.stubFor(
                    onNoop().willReply(250, "2.0.0", "Once per session").once().perSession());

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
                session.send("RSET");
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 Once per session\r\n");

                smtp.resetScenarios();

                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
                assertThat(session.send("NOOP")).isEqualTo("250 2.0.0 Once per session\r\n");
            }
        }
    }

    @Test
    void reset_rules_forgets_the_scenario_states_of_open_sessions() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            stubRetryScenario(smtp, Scope.SESSION);

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
                session.send("RSET");

                smtp.resetRules();
                stubRetryScenario(smtp, Scope.SESSION);

                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(BUSY);
            }
        }
    }

    @Test
    void a_scenario_state_is_case_sensitive() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onNoop().inScenario("s").willSetStateTo("Ready"));
            smtp.stubFor(onMail().inScenario("s").whenScenarioStateIs("ready").willReply(550, "5.7.1", "Never"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("NOOP");
                assertThat(session.send("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            }
        }
    }

    /** MAIL gets 451 in state Started and moves the scenario to "ready"; in "ready" it gets a scripted 250. */
    private static void stubRetryScenario(FakeSmtpServer smtp, Scope scope) {
        smtp.stubFor(onMail().inScenario("retry")
                .whenScenarioStateIs(Rule.STARTED)
                .willReply(451, "4.3.0", "Busy")
                .willSetStateTo("ready")
                .scoped(scope));
        smtp.stubFor(onMail().inScenario("retry")
                .whenScenarioStateIs("ready")
                .willReply(250, "2.1.0", "Welcome back")
                .scoped(scope));
    }

    private static String mailInNewSession(FakeSmtpServer smtp, String sender) {
        try (Conversation session = Conversation.afterEhlo(smtp)) {
            return session.send("MAIL FROM:<" + sender + ">");
        }
    }
}
