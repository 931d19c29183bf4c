package dev.twofifty.script;

import static dev.twofifty.script.CapabilityChange.with;
import static dev.twofifty.script.CapabilityChange.without;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Matchers.tlsInactive;
import static dev.twofifty.script.Rules.onEhlo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Changing the EHLO capability list per session, and the server living by the list it sent. */
@Timeout(10)
class CapabilityChangeTest {

    private static final String HELLO = "250-localhost Hello client.example\r\n";

    @Test
    void a_withheld_keyword_disappears_from_the_ehlo_reply() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(without("PIPELINING")));

            try (Conversation session = Conversation.connect(smtp)) {
                assertThat(session.send("EHLO client.example"))
                        .isEqualTo(HELLO
                                + "250-SIZE 10240000\r\n"
                                + "250-8BITMIME\r\n"
                                + "250-SMTPUTF8\r\n"
                                + "250-ENHANCEDSTATUSCODES\r\n"
                                + "250-CHUNKING\r\n"
                                + "250 DSN\r\n");
            }
        }
    }

    @Test
    void withheld_keywords_are_compared_ignoring_case() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(without("pipelining", "Size", "8bitmime", "smtputf8", "dsn")));

            try (Conversation session = Conversation.connect(smtp)) {
                assertThat(session.send("EHLO client.example"))
                        .isEqualTo(HELLO + "250-ENHANCEDSTATUSCODES\r\n250 CHUNKING\r\n");
            }
        }
    }

    @Test
    void an_added_line_goes_at_the_end_and_one_with_a_listed_keyword_replaces_that_line() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(
                            with("XCLIENT ADDR NAME").andWith("SIZE 1000").andWithout("DSN")));

            try (Conversation session = Conversation.connect(smtp)) {
                assertThat(session.send("EHLO client.example"))
                        .isEqualTo(HELLO
                                + "250-PIPELINING\r\n"
                                + "250-8BITMIME\r\n"
                                + "250-SMTPUTF8\r\n"
                                + "250-ENHANCEDSTATUSCODES\r\n"
                                + "250-CHUNKING\r\n"
                                + "250-XCLIENT ADDR NAME\r\n"
                                + "250 SIZE 1000\r\n");
            }
        }
    }

    @Test
    void the_change_applies_only_to_the_sessions_the_rule_matches() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start(ServerConfig.builder()
                .extensions(Set.of(SmtpExtension.PIPELINING, SmtpExtension.CHUNKING))
                .build())) {
            smtp.stubFor(onEhlo().matching(sessionNumber(2)).willAdvertise(without("CHUNKING")));

            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (Conversation session = Conversation.connect(smtp)) {
                    replies.add(session.send("EHLO client.example"));
                }
            }

            assertThat(replies)
                    .containsExactly(
                            HELLO + "250-PIPELINING\r\n250 CHUNKING\r\n",
                            HELLO + "250 PIPELINING\r\n",
                            HELLO + "250-PIPELINING\r\n250 CHUNKING\r\n");
        }
    }

    @Test
    void the_list_can_differ_before_and_after_tls() {
        ServerConfig config = ServerConfig.builder()
                .extensions(Set.of(SmtpExtension.PIPELINING, SmtpExtension.STARTTLS))
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            smtp.stubFor(onEhlo().matching(tlsInactive()).willAdvertise(with("X-BEFORE-TLS")));
            smtp.stubFor(onEhlo().matching(tlsActive())
                    .willAdvertise(without("PIPELINING").andWith("AUTH PLAIN")));

            try (Conversation session = Conversation.connect(smtp)) {
                assertThat(session.send("EHLO client.example"))
                        .isEqualTo(HELLO + "250-PIPELINING\r\n250-STARTTLS\r\n250 X-BEFORE-TLS\r\n");

                assertThat(session.startTls(smtp))
                        .isEqualTo("250-localhost Hello client.example\r\n250 AUTH PLAIN\r\n");
            }
        }
    }

    @Test
    void withheld_chunking_makes_bdat_an_unimplemented_command() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(without("CHUNKING")));

            try (Conversation session = Conversation.inTransaction(smtp, "ann@example.com")) {
                session.send("RCPT TO:<bob@example.org>");

                assertThat(session.sendRaw("BDAT 5 LAST\r\nHello"))
                        .isEqualTo("502 5.5.1 Command not implemented: BDAT\r\n");
            }
            assertThat(smtp.messages()).isEmpty();
        }
    }

    @Test
    void withheld_size_makes_the_size_parameter_unsupported() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(without("SIZE")));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com> SIZE=100"))
                        .isEqualTo("555 5.5.4 Unsupported parameter: SIZE\r\n");
            }
        }
    }

    @Test
    void withheld_starttls_and_auth_make_those_commands_unimplemented() {
        ServerConfig config = ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .credentials("ann", "secret")
                .build();
        try (FakeSmtpServer smtp = FakeSmtpServer.start(config)) {
            smtp.stubFor(onEhlo().willAdvertise(without("STARTTLS", "AUTH")));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("STARTTLS")).isEqualTo("502 5.5.1 Command not implemented: STARTTLS\r\n");
                assertThat(session.authPlain("ann", "secret")).isEqualTo("502 5.5.1 Command not implemented: AUTH\r\n");
            }
        }
    }

    @Test
    void withheld_enhanced_status_codes_take_the_codes_off_default_replies() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(without("ENHANCEDSTATUSCODES")));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                assertThat(session.send("MAIL FROM:<ann@example.com>"))
                        .isEqualTo("250 Sender <ann@example.com> OK\r\n");
            }
        }
    }

    @Test
    void withheld_pipelining_makes_a_pipelined_client_a_violator() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(without("PIPELINING")));

            try (Conversation session = Conversation.afterEhlo(smtp)) {
                session.client().sendRaw("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n");
                assertThat(session.client().readRawReply()).isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
                assertThat(session.client().readRawReply()).isEqualTo("250 2.1.5 Recipient <bob@example.org> OK\r\n");
            }
            assertThat(smtp.journal()
                            .awaitEndedSessions(1, Duration.ofSeconds(5))
                            .get(0)
                            .violations())
                    .extracting(Violation::type)
                    .contains(Violation.Type.PIPELINING_NOT_ADVERTISED);
        }
    }

    @Test
    void helo_is_not_affected_by_a_capability_change() {
        try (FakeSmtpServer smtp = FakeSmtpServer.start()) {
            smtp.stubFor(onEhlo().willAdvertise(with("XCLIENT ADDR")));

            try (Conversation session = Conversation.connect(smtp)) {
                assertThat(session.send("HELO client.example")).isEqualTo("250 localhost Hello client.example\r\n");
            }
        }
    }
}
