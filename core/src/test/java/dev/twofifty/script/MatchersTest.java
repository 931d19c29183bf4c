package dev.twofifty.script;

import static dev.twofifty.script.Matchers.address;
import static dev.twofifty.script.Matchers.allOf;
import static dev.twofifty.script.Matchers.anyOf;
import static dev.twofifty.script.Matchers.argument;
import static dev.twofifty.script.Matchers.authenticated;
import static dev.twofifty.script.Matchers.authenticatedAs;
import static dev.twofifty.script.Matchers.body;
import static dev.twofifty.script.Matchers.domain;
import static dev.twofifty.script.Matchers.header;
import static dev.twofifty.script.Matchers.localPart;
import static dev.twofifty.script.Matchers.not;
import static dev.twofifty.script.Matchers.parameter;
import static dev.twofifty.script.Matchers.recipient;
import static dev.twofifty.script.Matchers.recipientDomain;
import static dev.twofifty.script.Matchers.recipientNumber;
import static dev.twofifty.script.Matchers.sender;
import static dev.twofifty.script.Matchers.senderDomain;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Matchers.transactionNumber;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMailFrom;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each matcher decides, through a real session, which steps a rule applies to. */
@Timeout(10)
class MatchersTest {

    private static final String REFUSED = "550 5.7.1 Matched\r\n";

    @Test
    void argument_matches_the_whole_argument_as_sent() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcpt().matching(argument("TO:<[^>]*@blocked\\.example> NOTIFY=NEVER"))
                    .willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@blocked.example> NOTIFY=NEVER"))
                        .isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<bob@blocked.example>")).startsWith("250 ");
                assertThat(session.send("RCPT TO:<bob@blocked.example> NOTIFY=NEVER ORCPT=rfc822;bob@x.example"))
                        .startsWith("250 ");
            }
        }
    }

    @Test
    void address_compares_the_local_part_exactly_and_the_domain_ignoring_case() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(address("Bob@Example.org")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<Bob@EXAMPLE.ORG>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<bob@example.org>")).startsWith("250 ");
            }
        }
    }

    @Test
    void address_at_mail_is_the_sender_and_the_empty_address_is_the_null_sender() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().matching(address("")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<>")).isEqualTo(REFUSED);
                assertThat(session.send("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            }
        }
    }

    @Test
    void domain_ignores_case_and_does_not_match_subdomains() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@BLOCKED.Example>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<bob@mx.blocked.example>")).startsWith("250 ");
            }
        }
    }

    @Test
    void local_part_is_compared_exactly() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(localPart("postmaster")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<postmaster@example.org>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<PostMaster@example.org>")).startsWith("250 ");
            }
        }
    }

    @Test
    void sender_at_rcpt_looks_at_the_transactions_sender() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcpt().matching(sender("ann@example.com")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>")).isEqualTo(REFUSED);
                session.send("RSET");
                session.send("MAIL FROM:<carl@example.com>");
                assertThat(session.send("RCPT TO:<bob@example.org>")).startsWith("250 ");
            }
        }
    }

    @Test
    void sender_domain_at_mail_looks_at_the_reverse_path() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMailFrom(senderDomain("spam.example")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<x@Spam.Example>")).isEqualTo(REFUSED);
                assertThat(session.send("MAIL FROM:<x@example.com>")).startsWith("250 ");
            }
        }
    }

    @Test
    void recipient_at_the_end_of_data_matches_any_accepted_recipient() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().matching(recipient("carl@example.org")).willReply(554, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                session.send("RCPT TO:<carl@example.org>");
                assertThat(session.data("Subject: one\r\n\r\nbody")).isEqualTo("554 5.7.1 Matched\r\n");

                session.send("MAIL FROM:<ann@example.com>");
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: two\r\n\r\nbody")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
            }
        }
    }

    @Test
    void recipient_domain_at_data_looks_at_the_accepted_recipients() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onData().matching(recipientDomain("example.net")).willReply(554, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.send("DATA")).startsWith("354 ");
                session.sendRaw("\r\n.\r\n");

                session.send("MAIL FROM:<ann@example.com>");
                session.send("RCPT TO:<bob@example.org>");
                session.send("RCPT TO:<dan@EXAMPLE.net>");
                assertThat(session.send("DATA")).isEqualTo("554 5.7.1 Matched\r\n");
            }
        }
    }

    @Test
    void parameter_checks_presence_at_mail() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().matching(parameter("size")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com> SIZE=100")).isEqualTo(REFUSED);
                assertThat(session.send("MAIL FROM:<ann@example.com> BODY=8BITMIME"))
                        .startsWith("250 ");
            }
        }
    }

    @Test
    void parameter_value_is_matched_in_full_ignoring_case() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().matching(parameter("BODY", "8bitmime")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com> BODY=8BITMIME"))
                        .isEqualTo(REFUSED);
                assertThat(session.send("MAIL FROM:<ann@example.com> BODY=7BIT"))
                        .startsWith("250 ");
            }
        }
    }

    @Test
    void parameter_at_rcpt_checks_the_rcpt_parameters() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcpt().matching(parameter("NOTIFY", "NEVER")).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org> NOTIFY=NEVER"))
                        .isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE"))
                        .startsWith("250 ");
            }
        }
    }

    @Test
    void parameter_at_the_end_of_data_checks_the_mail_parameters() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().matching(parameter("RET", "HDRS")).willReply(554, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: a\r\n\r\nb")).startsWith("250 ");
                session.send("MAIL FROM:<ann@example.com> RET=HDRS");
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: a\r\n\r\nb")).isEqualTo("554 5.7.1 Matched\r\n");
            }
        }
    }

    @Test
    void header_matches_an_unfolded_header_value_in_full() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(
                    onMessage().matching(header("subject", "(?i).*invoice 42")).willReply(554, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("From: a@example.com\r\nSubject: Your\r\n INVOICE 42\r\n\r\nbody"))
                        .isEqualTo("554 5.7.1 Matched\r\n");
                session.send("MAIL FROM:<ann@example.com>");
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: Your invoice 42, again\r\n\r\nbody"))
                        .startsWith("250 ");
            }
        }
    }

    @Test
    void body_finds_the_pattern_anywhere_after_the_header() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage().matching(body("unsubscribe")).willReply(554, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: x\r\n\r\nHello,\r\nclick to unsubscribe now"))
                        .isEqualTo("554 5.7.1 Matched\r\n");
                session.send("MAIL FROM:<ann@example.com>");
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.data("Subject: unsubscribe\r\n\r\nHello")).startsWith("250 ");
            }
        }
    }

    @Test
    void header_and_body_also_match_a_message_sent_with_bdat() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMessage()
                    .matching(header("Subject", "hi").and(body("there")))
                    .willReply(554, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");
                assertThat(session.sendRaw("BDAT 13\r\nSubject: hi\r\n")).startsWith("250 ");
                assertThat(session.sendRaw("BDAT 7 LAST\r\n\r\nthere")).isEqualTo("554 5.7.1 Matched\r\n");
            }
        }
    }

    @Test
    void session_number_picks_the_nth_connection() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onConnect().matching(sessionNumber(2)).willReply(554, "5.3.2", "Not now"));

            List<String> greetings = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (Conversation session = Conversation.connect(smtp)) {
                    greetings.add(session.greeting());
                }
            }

            assertThat(greetings)
                    .containsExactly(
                            "220 localhost ESMTP TwoFifty ready\r\n",
                            "554 5.3.2 Not now\r\n",
                            "220 localhost ESMTP TwoFifty ready\r\n");
        }
    }

    @Test
    void transaction_number_picks_the_nth_transaction_of_a_session() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onMail().matching(transactionNumber(2)).willReply(451, "4.3.0", "Second"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).startsWith("250 ");
                session.send("RSET");
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo("451 4.3.0 Second\r\n");
            }
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).startsWith("250 ");
            }
        }
    }

    @Test
    void recipient_number_picks_the_nth_rcpt_of_a_transaction() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcpt().matching(recipientNumber(3)).willReply(452, "4.5.3", "Too many recipients"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                List<String> replies = new ArrayList<>();
                for (String name : List.of("a", "b", "c", "d")) {
                    replies.add(session.send("RCPT TO:<" + name + "@example.org>"));
                }

                assertThat(replies)
                        .containsExactly(
                                "250 2.1.5 Recipient <a@example.org> OK\r\n",
                                "250 2.1.5 Recipient <b@example.org> OK\r\n",
                                "452 4.5.3 Too many recipients\r\n",
                                "250 2.1.5 Recipient <d@example.org> OK\r\n");
            }
        }
    }

    @Test
    void tls_active_applies_only_after_starttls() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(
                ServerConfig.builder().enable(SmtpExtension.STARTTLS).build())) {
            smtp.stubFor(onMail().matching(tlsActive()).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>")).startsWith("250 ");
                session.send("RSET");
                session.startTls(smtp);
                assertThat(session.send("MAIL FROM:<ann@example.com>")).isEqualTo(REFUSED);
            }
        }
    }

    @Test
    void authenticated_as_applies_only_to_sessions_of_that_user() {
        ServerConfig config = ServerConfig.builder()
                .credentials("ann", "secret")
                .credentials("bob", "hunter2")
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            smtp.stubFor(onMail().matching(authenticatedAs("ann")).willReply(550, "5.7.1", "Matched"));

            List<String> replies = new ArrayList<>();
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                replies.add(session.send("MAIL FROM:<x@example.com>"));
            }
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.authPlain("bob", "hunter2")).startsWith("235 ");
                replies.add(session.send("MAIL FROM:<x@example.com>"));
            }
            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.authPlain("ann", "secret")).startsWith("235 ");
                replies.add(session.send("MAIL FROM:<x@example.com>"));
            }

            assertThat(replies)
                    .containsExactly(
                            "250 2.1.0 Sender <x@example.com> OK\r\n",
                            "250 2.1.0 Sender <x@example.com> OK\r\n",
                            REFUSED);
        }
    }

    @Test
    void authenticated_applies_to_any_authenticated_user() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(
                ServerConfig.builder().credentials("bob", "hunter2").build())) {
            smtp.stubFor(onMail().matching(authenticated()).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<x@example.com>")).startsWith("250 ");
                session.send("RSET");
                session.authPlain("bob", "hunter2");
                assertThat(session.send("MAIL FROM:<x@example.com>")).isEqualTo(REFUSED);
            }
        }
    }

    @Test
    void and_needs_every_part_to_match() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(domain("example.org").and(localPart("bob"))).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<bob@example.net>")).startsWith("250 ");
                assertThat(session.send("RCPT TO:<carl@example.org>")).startsWith("250 ");
            }
        }
    }

    @Test
    void matching_twice_combines_the_conditions_with_and() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcpt().matching(domain("example.org"))
                    .matching(localPart("bob"))
                    .willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<carl@example.org>")).startsWith("250 ");
            }
        }
    }

    @Test
    void or_needs_one_part_to_match() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(
                    onRcptTo(anyOf(domain("a.example"), domain("b.example")).or(localPart("root")))
                            .willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<x@a.example>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<x@b.example>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<root@c.example>")).isEqualTo(REFUSED);
                assertThat(session.send("RCPT TO:<x@c.example>")).startsWith("250 ");
            }
        }
    }

    @Test
    void not_inverts_a_matcher() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onRcptTo(not(domain("example.org"))).willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.org>")).startsWith("250 ");
                assertThat(session.send("RCPT TO:<bob@elsewhere.example>")).isEqualTo(REFUSED);
            }
        }
    }

    @Test
    void negate_and_nested_composition_work_together() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            Matcher internal = allOf(senderDomain("example.com"), recipientDomain("example.com"));
            smtp.stubFor(onRcpt().matching(internal.negate().and(not(localPart("postmaster"))))
                    .willReply(550, "5.7.1", "Matched"));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                assertThat(session.send("RCPT TO:<bob@example.com>")).startsWith("250 ");
                assertThat(session.send("RCPT TO:<postmaster@example.net>")).startsWith("250 ");
                assertThat(session.send("RCPT TO:<bob@example.net>")).isEqualTo(REFUSED);
            }
        }
    }

    @Test
    void composition_flattens_and_double_negation_cancels() {
        Matcher a = domain("a.example");
        Matcher b = localPart("b");
        Matcher c = parameter("SIZE");

        assertThat(allOf(a, allOf(b, c), Matchers.any())).isEqualTo(new Matcher.AllOf(List.of(a, b, c)));
        assertThat(a.or(b).or(c)).isEqualTo(new Matcher.AnyOf(List.of(a, b, c)));
        assertThat(not(not(a))).isEqualTo(a);
        assertThat(allOf(Matchers.any(), Matchers.any())).isEqualTo(Matchers.any());
    }
}
