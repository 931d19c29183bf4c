package dev.twofifty.internal.engine;

import static dev.twofifty.internal.engine.SessionDriver.EHLO_REPLY;
import static dev.twofifty.internal.engine.SessionDriver.GREETING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.Violation;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The session without sockets: greeting, EHLO and HELO, the simple commands, and the 5xx error classes. */
class SessionBasicsTest {

    private static final String MAIL = "MAIL FROM:<ann@example.com>\r\n";
    private static final String RCPT = "RCPT TO:<bob@example.org>\r\n";

    // ---- greeting and hello

    @Test
    void greets_with_220_in_one_flush() {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(ServerConfig.defaults()));

        driver.start();

        assertThat(driver.flushes()).containsExactly(GREETING);
    }

    @Test
    void greets_with_the_configured_hostname() {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(
                ServerConfig.builder().hostname("mx.test.example").build()));

        driver.start();

        assertThat(driver.output()).isEqualTo("220 mx.test.example ESMTP TwoFifty ready\r\n");
    }

    @Test
    void ehlo_lists_the_default_capabilities_in_a_multiline_reply() {
        assertThat(SessionDriver.connected().send("EHLO client.example\r\n")).isEqualTo(EHLO_REPLY);
    }

    @Test
    void ehlo_advertises_the_configured_size_starttls_and_auth() {
        ServerConfig config = ServerConfig.builder()
                .enable(SmtpExtension.STARTTLS)
                .credentials("ann", "secret")
                .limits(Limits.DEFAULTS.withMaxMessageSize(2048))
                .build();

        assertThat(SessionDriver.connected(config).send("EHLO client.example\r\n"))
                .isEqualTo("250-localhost Hello client.example\r\n"
                        + "250-PIPELINING\r\n"
                        + "250-SIZE 2048\r\n"
                        + "250-8BITMIME\r\n"
                        + "250-SMTPUTF8\r\n"
                        + "250-ENHANCEDSTATUSCODES\r\n"
                        + "250-CHUNKING\r\n"
                        + "250-DSN\r\n"
                        + "250-STARTTLS\r\n"
                        + "250 AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2\r\n");
    }

    @Test
    void ehlo_with_every_extension_disabled_is_a_one_line_reply() {
        ServerConfig config = ServerConfig.builder().extensions(Set.of()).build();

        assertThat(SessionDriver.connected(config).send("EHLO client.example\r\n"))
                .isEqualTo("250 localhost Hello client.example\r\n");
    }

    @Test
    void ehlo_leaves_out_disabled_extensions() {
        ServerConfig config = ServerConfig.builder()
                .disable(SmtpExtension.PIPELINING, SmtpExtension.CHUNKING, SmtpExtension.DSN)
                .build();

        assertThat(SessionDriver.connected(config).send("EHLO client.example\r\n"))
                .isEqualTo("250-localhost Hello client.example\r\n"
                        + "250-SIZE 10240000\r\n"
                        + "250-8BITMIME\r\n"
                        + "250-SMTPUTF8\r\n"
                        + "250 ENHANCEDSTATUSCODES\r\n");
    }

    @Test
    void ehlo_name_is_recorded() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.record().ehlo()).contains("client.example");
        assertThat(driver.record().remoteAddress()).isEqualTo("127.0.0.1:1234");
    }

    @Test
    void helo_answers_with_one_line() {
        assertThat(SessionDriver.connected().send("HELO client.example\r\n"))
                .isEqualTo("250 localhost Hello client.example\r\n");
    }

    @Test
    void ehlo_without_a_domain_is_501() {
        assertThat(SessionDriver.connected().send("EHLO\r\n")).isEqualTo("501 Syntax: EHLO hostname\r\n");
    }

    @Test
    void a_second_ehlo_aborts_the_open_transaction() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send(MAIL);

        driver.send("EHLO client.example\r\n");

        assertThat(driver.send(MAIL)).isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
        assertThat(driver.record().transactions().get(0).outcome()).isEqualTo(Outcome.ABORTED);
    }

    // ---- enhanced status codes

    @Test
    void replies_carry_enhanced_codes_after_ehlo() {
        assertThat(SessionDriver.afterEhlo().send("NOOP\r\n")).isEqualTo("250 2.0.0 OK\r\n");
    }

    @Test
    void replies_carry_no_enhanced_codes_after_helo() {
        SessionDriver driver = SessionDriver.connected();
        driver.send("HELO client.example\r\n");

        assertThat(driver.send("NOOP\r\n" + MAIL)).isEqualTo("250 OK\r\n250 Sender <ann@example.com> OK\r\n");
    }

    @Test
    void replies_carry_no_enhanced_codes_before_any_hello() {
        assertThat(SessionDriver.connected().send("NOOP\r\n")).isEqualTo("250 OK\r\n");
    }

    @Test
    void replies_carry_no_enhanced_codes_when_the_extension_is_disabled() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.builder()
                .disable(SmtpExtension.ENHANCED_STATUS_CODES)
                .build());

        assertThat(driver.send("NOOP\r\n")).isEqualTo("250 OK\r\n");
    }

    // ---- simple commands

    @Test
    void noop_with_an_argument_is_250() {
        assertThat(SessionDriver.afterEhlo().send("NOOP hello there\r\n")).isEqualTo("250 2.0.0 OK\r\n");
    }

    @Test
    void vrfy_is_252() {
        assertThat(SessionDriver.afterEhlo().send("VRFY ann\r\n"))
                .isEqualTo("252 2.5.0 Cannot verify the user, but will accept a message and attempt delivery\r\n");
    }

    @Test
    void expn_is_502() {
        assertThat(SessionDriver.afterEhlo().send("EXPN staff\r\n")).isEqualTo("502 5.5.1 EXPN is not available\r\n");
    }

    @Test
    void help_is_a_multiline_214() {
        assertThat(SessionDriver.afterEhlo().send("HELP\r\n"))
                .isEqualTo(
                        "214-2.0.0 TwoFifty fake SMTP server, see RFC 5321\r\n"
                                + "214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY EXPN HELP STARTTLS AUTH\r\n");
    }

    @Test
    void rset_aborts_the_transaction_and_allows_a_new_mail() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send(MAIL + RCPT);

        assertThat(driver.send("RSET\r\n")).isEqualTo("250 2.0.0 OK\r\n");
        assertThat(driver.send(MAIL)).isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
        assertThat(driver.record().transactions())
                .extracting(transaction -> transaction.outcome())
                .containsExactly(Outcome.ABORTED, Outcome.OPEN);
    }

    @Test
    void mail_with_the_null_reverse_path_is_accepted() {
        assertThat(SessionDriver.afterEhlo().send("MAIL FROM:<>\r\n")).isEqualTo("250 2.1.0 Sender <> OK\r\n");
    }

    @Test
    void quit_answers_221_and_closes_after_the_reply() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("QUIT\r\n")).isEqualTo("221 2.0.0 localhost Bye\r\n");
        assertThat(driver.transport.events()).endsWith("write 221 2.0.0 localhost Bye\r\n", "close");
        assertThat(driver.record().endedBy()).contains(SessionEnd.QUIT);
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void input_after_quit_is_ignored() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("QUIT\r\nNOOP\r\n")).isEqualTo("221 2.0.0 localhost Bye\r\n");
        assertThat(driver.record().clientLines()).containsExactly("EHLO client.example", "QUIT");
    }

    // ---- 500, 501, 502, 504

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "XYZZY|500 5.5.1 Command unrecognized",
                "MAIL FROM:ann@example.com|501 5.5.4 Syntax: MAIL FROM:<address> [parameters]",
                "RCPT TO:<>|501 5.1.3 Bad recipient address syntax",
                "DATA now|501 5.5.4 Syntax: DATA (no parameters)",
                "TURN|502 5.5.1 Command not implemented: TURN",
                "ETRN example.com|502 5.5.1 Command not implemented: ETRN",
                "STARTTLS|502 5.5.1 Command not implemented: STARTTLS",
                "AUTH PLAIN|502 5.5.1 Command not implemented: AUTH"
            })
    void bad_or_unknown_commands_get_the_right_error_class(String line, String reply) {
        assertThat(SessionDriver.afterEhlo().send(line + "\r\n")).isEqualTo(reply + "\r\n");
    }

    @Test
    void an_empty_line_is_500() {
        assertThat(SessionDriver.afterEhlo().send("\r\n")).isEqualTo("500 5.5.2 Empty command line\r\n");
    }

    @Test
    void an_unknown_mechanism_is_504() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().credentials("ann", "secret").build());

        assertThat(driver.send("AUTH KERBEROS_V5\r\n")).isEqualTo("504 5.5.4 Unrecognized authentication type\r\n");
    }

    @Test
    void unknown_and_malformed_commands_are_recorded_as_violations() {
        SessionDriver driver = SessionDriver.afterEhlo();

        driver.send("XYZZY\r\n");
        driver.send("MAIL FROM:nobody\r\n");

        assertThat(driver.violations()).containsExactly(Violation.Type.UNKNOWN_COMMAND, Violation.Type.SYNTAX_ERROR);
    }

    // ---- 503 bad sequences

    @Test
    void mail_before_ehlo_or_helo_is_503() {
        SessionDriver driver = SessionDriver.connected();

        assertThat(driver.send(MAIL)).isEqualTo("503 Bad sequence of commands: send EHLO or HELO first\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.BAD_SEQUENCE);
    }

    @Test
    void rcpt_before_ehlo_or_helo_is_503() {
        assertThat(SessionDriver.connected().send(RCPT))
                .isEqualTo("503 Bad sequence of commands: send EHLO or HELO first\r\n");
    }

    @Test
    void rcpt_before_mail_is_503() {
        assertThat(SessionDriver.afterEhlo().send(RCPT))
                .isEqualTo("503 5.5.1 Bad sequence of commands: send MAIL first\r\n");
    }

    @Test
    void data_before_mail_is_503() {
        assertThat(SessionDriver.afterEhlo().send("DATA\r\n"))
                .isEqualTo("503 5.5.1 Bad sequence of commands: send MAIL first\r\n");
    }

    @Test
    void data_before_hello_is_503() {
        assertThat(SessionDriver.connected().send("DATA\r\n"))
                .isEqualTo("503 Bad sequence of commands: send EHLO or HELO first\r\n");
    }

    @Test
    void data_without_an_accepted_recipient_is_503() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send(MAIL);
        assertThat(driver.send("RCPT TO:<bob@bad..example>\r\n")).startsWith("501 ");

        assertThat(driver.send("DATA\r\n")).isEqualTo("503 5.5.1 Bad sequence of commands: no valid recipients\r\n");
    }

    @Test
    void mail_inside_a_transaction_is_503() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send(MAIL);

        assertThat(driver.send("MAIL FROM:<carl@example.com>\r\n"))
                .isEqualTo("503 5.5.1 Bad sequence of commands: a mail transaction is already open\r\n");
        assertThat(driver.record().transactions().get(0).envelope().sender()).isEqualTo("ann@example.com");
    }

    @Test
    void a_rejected_data_keeps_the_session_in_command_mode() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("DATA\r\n");

        assertThat(driver.send("NOOP\r\n")).isEqualTo("250 2.0.0 OK\r\n");
    }
}
