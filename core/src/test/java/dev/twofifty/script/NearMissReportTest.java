package dev.twofifty.script;

import static dev.twofifty.script.Matchers.address;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Matchers.header;
import static dev.twofifty.script.Matchers.parameter;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Rules.onHelp;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.twofifty.FakeSmtpServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Near-miss reports: when a step matched no rule although rules existed for it, which rules came
 * closest and why; and which rules never fired. The exact text is asserted so wording regressions fail.
 */
@Timeout(10)
class NearMissReportTest {

    @Test
    void a_step_that_matched_no_rule_reports_the_rule_and_each_field_that_differed() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(address("bob@example.net").and(parameter("NOTIFY", "NEVER")))
                    .willReply(550, "5.1.1", "No such user"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org> NOTIFY=SUCCESS"))
                        .isEqualTo("250 2.1.5 Recipient <bob@example.org> OK\r\n");
            }

            assertThat(smtp.nearMisses()).singleElement().satisfies(miss -> {
                assertThat(miss.ruleId()).isEqualTo("r1");
                assertThat(miss.sessionId()).isEqualTo(1);
                assertThat(miss.step()).isEqualTo("RCPT TO:<bob@example.org> NOTIFY=SUCCESS (session 1)");
                assertThat(miss.distance()).isEqualTo(1.0);
                assertThat(miss.describe())
                        .isEqualTo("rule r1 on RCPT where address is \"bob@example.net\" and parameter NOTIFY matches"
                                + " /NEVER/ → reply 550 5.1.1 No such user\n"
                                + "  at RCPT TO:<bob@example.org> NOTIFY=SUCCESS (session 1)\n"
                                + "    address: expected \"bob@example.net\" but was <bob@example.org>\n"
                                + "    parameter NOTIFY: expected to match /NEVER/ but was \"SUCCESS\"\n");
            });
        }
    }

    @Test
    void a_partial_match_is_closer_than_a_total_miss() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(domain("example.org").and(Matchers.localPart("carl")))
                    .willReply(550, "5.1.1", "Carl"));
            smtp.stubFor(onRcptTo(domain("example.net")).willReply(550, "5.1.1", "Net"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
            }

            assertThat(smtp.nearMisses())
                    .extracting(NearMiss::ruleId, NearMiss::distance)
                    .containsExactly(tuple("r1", 0.5), tuple("r2", 1.0));
            assertThat(smtp.nearMisses().get(0).mismatches())
                    .extracting(Mismatch::toString)
                    .containsExactly("local part: expected \"carl\" but was <bob@example.org>");
        }
    }

    @Test
    void a_rule_held_back_by_its_scenario_state_says_so() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(
                    onMail().inScenario("retry").whenScenarioStateIs("ready").willReply(250, "2.1.0", "Back"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("MAIL FROM:<ann@example.com>");
            }

            assertThat(smtp.nearMisses())
                    .singleElement()
                    .extracting(NearMiss::describe)
                    .isEqualTo("rule r1 on MAIL in scenario \"retry\" state \"ready\" → reply 250 2.1.0 Back\n"
                            + "  at MAIL FROM:<ann@example.com> (session 1)\n"
                            + "    scenario \"retry\" state: expected \"ready\" but was \"Started\"\n");
        }
    }

    @Test
    void a_rule_that_has_used_up_its_firings_says_so() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willReply(451, "4.3.0", "Busy").once().perSession());

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("MAIL FROM:<ann@example.com>");
                session.send("MAIL FROM:<ann@example.com>");
            }

            assertThat(smtp.nearMisses())
                    .singleElement()
                    .extracting(NearMiss::mismatches)
                    .isEqualTo(List.of(new Mismatch("times", "at most 1 per session", "already fired 1")));
        }
    }

    @Test
    void message_matchers_report_what_the_message_had() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().matching(header("X-Priority", "1")).willReply(554, "5.7.1", "Urgent"));
            smtp.stubFor(onMessage().matching(header("Subject", ".*invoice.*")).willReply(554, "5.7.1", "Invoice"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                session.data("Subject: Hello\r\nSubject: again\r\n\r\nbody");
            }

            assertThat(smtp.nearMisses())
                    .flatExtracting(NearMiss::mismatches)
                    .extracting(Mismatch::toString)
                    .containsExactly(
                            "header Subject: expected to match /.*invoice.*/ but was \"Hello\", \"again\"",
                            "header X-Priority: expected to match /1/ but was absent");
        }
    }

    @Test
    void only_the_three_closest_rules_are_reported_per_step() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            for (String domain : List.of("a.example", "b.example", "c.example", "d.example", "e.example")) {
                smtp.stubFor(onRcptTo(domain(domain)).willReply(550, "5.1.1", domain));
            }

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
            }

            assertThat(smtp.nearMisses()).extracting(NearMiss::ruleId).containsExactly("r5", "r4", "r3");
        }
    }

    @Test
    void steps_without_rules_for_their_trigger_and_steps_where_a_rule_fired_are_not_reported() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(domain("example.org")).willReply(550, "5.1.1", "No"));
            smtp.stubFor(onRcptTo(domain("example.net")).willReply(550, "5.1.1", "No"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("NOOP");
                session.send("RCPT TO:<bob@example.net>");
            }

            assertThat(smtp.nearMisses()).isEmpty();
        }
    }

    @Test
    void a_rule_that_never_fired_lists_its_closest_steps() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(domain("blocked.example"))
                    .willReply(550, "5.1.1", "No such user")
                    .named("blocked"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                session.send("RCPT TO:<carl@Example.NET>");
            }

            assertThat(smtp.unfiredRules())
                    .singleElement()
                    .extracting(ActiveRule::describeUnfired)
                    .isEqualTo(
                            "Rule r1 \"blocked\" on RCPT where domain is \"blocked.example\" → reply 550 5.1.1 No such"
                                    + " user never fired. Closest steps:\n"
                                    + "  RCPT TO:<bob@example.org> (session 1)\n"
                                    + "    domain: expected \"blocked.example\" but was <bob@example.org>\n"
                                    + "  RCPT TO:<carl@Example.NET> (session 1)\n"
                                    + "    domain: expected \"blocked.example\" but was <carl@Example.NET>");
        }
    }

    @Test
    void a_rule_whose_step_never_took_place_says_so() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onHelp().willReply(214, "2.0.0", "Help"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.send("NOOP");
            }

            assertThat(smtp.unfiredRules())
                    .singleElement()
                    .extracting(ActiveRule::describeUnfired)
                    .isEqualTo("Rule r1 on HELP → reply 214 2.0.0 Help never fired. No HELP step took place.");
        }
    }

    @Test
    void rules_that_fired_are_not_unfired() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().willReply(250, "2.1.0", "Fired"));
            ActiveRule unfired = smtp.stubFor(onRcpt().matching(tlsActive()).willReply(550, "5.7.0", "TLS"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
            }

            assertThat(smtp.unfiredRules()).extracting(ActiveRule::id).containsExactly(unfired.id());
            assertThat(unfired.nearMisses())
                    .singleElement()
                    .extracting(NearMiss::mismatches)
                    .isEqualTo(List.of(new Mismatch("TLS", "active", "not active")));
        }
    }

    @Test
    void diagnostics_never_change_the_exchange() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            for (int i = 0; i < 20; i++) {
                smtp.stubFor(onRcptTo(domain("d" + i + ".example")).willReply(550, "5.1.1", "No"));
                smtp.stubFor(onMessage().matching(header("X-Tag", "t" + i)).willReply(554, "5.7.1", "No"));
            }

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>"))
                        .isEqualTo("250 2.1.5 Recipient <bob@example.org> OK\r\n");
                assertThat(session.data("Subject: hi\r\n\r\nbody")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
                assertThat(session.send("QUIT")).isEqualTo("221 2.0.0 localhost Bye\r\n");
            }
            assertThat(smtp.nearMisses()).hasSize(6);
            assertThat(smtp.unfiredRules()).hasSize(40);
        }
    }
}
