package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SMTPUTF8 (RFC 6531) and DSN parameters (RFC 3461): accepted, recorded in the journal, or rejected. */
class SessionExtensionsTest {

    private static final String NON_ASCII_REJECTED =
            "553 5.6.7 Non-ASCII addresses need the SMTPUTF8 parameter (RFC 6531 section 3.3)\r\n";

    // ---- SMTPUTF8

    @Test
    void utf8_addresses_are_accepted_with_the_smtputf8_parameter() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("MAIL FROM:<j\u00fcrgen@m\u00fcnchen.example> SMTPUTF8\r\n"))
                .isEqualTo("250 2.1.0 Sender <j\u00fcrgen@m\u00fcnchen.example> OK\r\n");
        assertThat(driver.send("RCPT TO:<\u7528\u6237@\u4f8b\u5b50.example>\r\n"))
                .isEqualTo("250 2.1.5 Recipient <\u7528\u6237@\u4f8b\u5b50.example> OK\r\n");
        driver.send("DATA\r\n");
        driver.send("Subject: utf8\r\n\r\n.\r\n");

        Envelope envelope = driver.onlyMessage().envelope();
        assertThat(envelope.smtpUtf8()).isTrue();
        assertThat(envelope.sender()).isEqualTo("j\u00fcrgen@m\u00fcnchen.example");
        assertThat(envelope.recipientAddresses()).containsExactly("\u7528\u6237@\u4f8b\u5b50.example");
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void a_utf8_sender_without_the_smtputf8_parameter_is_553() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("MAIL FROM:<j\u00fcrgen@example.com>\r\n")).isEqualTo(NON_ASCII_REJECTED);
        assertThat(driver.violations()).containsExactly(Violation.Type.NON_ASCII_COMMAND);
    }

    @Test
    void a_utf8_recipient_in_a_transaction_without_smtputf8_is_553() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\n");

        assertThat(driver.send("RCPT TO:<bj\u00f6rn@example.org>\r\n")).isEqualTo(NON_ASCII_REJECTED);
    }

    @Test
    void a_utf8_sender_is_553_when_smtputf8_is_disabled_even_with_the_parameter() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.SMTPUTF8).build());

        assertThat(driver.send("MAIL FROM:<j\u00fcrgen@example.com> SMTPUTF8\r\n"))
                .isEqualTo(NON_ASCII_REJECTED);
    }

    @Test
    void the_smtputf8_parameter_is_555_when_the_extension_is_disabled() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.SMTPUTF8).build());

        assertThat(driver.send("MAIL FROM:<ann@example.com> SMTPUTF8\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: SMTPUTF8\r\n");
    }

    @Test
    void the_smtputf8_parameter_takes_no_value() {
        assertThat(SessionDriver.afterEhlo().send("MAIL FROM:<ann@example.com> SMTPUTF8=yes\r\n"))
                .isEqualTo("501 5.5.4 Syntax error in parameters: SMTPUTF8 takes no value\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VRFY j\u00fcrgen", "NOOP \u00e9", "EHLO m\u00fcnchen.example", "HELP \u00fc"})
    void eight_bit_octets_in_other_commands_are_500(String line) {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send(line + "\r\n"))
                .isEqualTo("500 5.5.2 8-bit characters in a command line need SMTPUTF8 (RFC 6531)\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.NON_ASCII_COMMAND);
    }

    @Test
    void invalid_utf8_in_a_command_is_500() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send(
                        new byte[] {'M', 'A', 'I', 'L', ' ', 'F', 'R', 'O', 'M', ':', '<', (byte) 0xC3, '>', '\r', '\n'
                        }))
                .isEqualTo("500 5.5.2 Invalid UTF-8 in command line\r\n");
    }

    // ---- DSN

    @Test
    void dsn_parameters_are_parsed_and_recorded_in_the_envelope() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("MAIL FROM:<ann@example.com> RET=HDRS ENVID=QQ314159+2Bx\r\n"
                        + "RCPT TO:<bob@example.org> NOTIFY=success,FAILURE ORCPT=rfc822;bob+2Bsub@example.org\r\n"
                        + "RCPT TO:<carl@example.net> NOTIFY=NEVER\r\n"
                        + "RCPT TO:<dora@example.com>\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n"
                        + "250 2.1.5 Recipient <bob@example.org> OK\r\n"
                        + "250 2.1.5 Recipient <carl@example.net> OK\r\n"
                        + "250 2.1.5 Recipient <dora@example.com> OK\r\n");
        driver.send("DATA\r\n");
        driver.send("Subject: dsn\r\n\r\n.\r\n");

        Envelope envelope = driver.onlyMessage().envelope();
        assertThat(envelope.dsnReturn()).contains("HDRS");
        assertThat(envelope.dsnEnvelopeId()).contains("QQ314159+x");
        Recipient bob = envelope.recipients().get(0);
        assertThat(bob.dsnNotify()).containsExactly("SUCCESS", "FAILURE");
        assertThat(bob.dsnOriginalRecipient()).contains("rfc822;bob+sub@example.org");
        assertThat(envelope.recipients().get(1).dsnNotify()).containsExactly("NEVER");
        assertThat(envelope.recipients().get(2).dsnNotify()).isEmpty();
        assertThat(envelope.recipients().get(2).dsnOriginalRecipient()).isEmpty();
    }

    @Test
    void ret_full_is_accepted_in_any_case() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com> ret=full\r\n");

        assertThat(driver.record().transactions().get(0).envelope().dsnReturn()).contains("FULL");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "MAIL FROM:<ann@example.com> RET=NEVER|501 5.5.4 Syntax error in parameters: RET must be FULL or HDRS",
                "MAIL FROM:<ann@example.com> ENVID=a+2|501 5.5.4 Syntax error in parameters: ENVID must be xtext of at most 100 characters",
                "MAIL FROM:<ann@example.com> ENVID=a+2b|501 5.5.4 Syntax error in parameters: ENVID must be xtext of at most 100 characters"
            })
    void invalid_dsn_mail_parameters_are_501(String line, String reply) {
        assertThat(SessionDriver.afterEhlo().send(line + "\r\n")).isEqualTo(reply + "\r\n");
    }

    @Test
    void an_envid_over_100_characters_is_501() {
        assertThat(SessionDriver.afterEhlo().send("MAIL FROM:<ann@example.com> ENVID=" + "e".repeat(101) + "\r\n"))
                .isEqualTo("501 5.5.4 Syntax error in parameters: ENVID must be xtext of at most 100 characters\r\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "NOTIFY=NEVER,SUCCESS|501 5.5.4 Syntax error in parameters: NOTIFY must be NEVER, or a list of SUCCESS, FAILURE and DELAY",
                "NOTIFY=SUCCESS,SUCCESS|501 5.5.4 Syntax error in parameters: NOTIFY must be NEVER, or a list of SUCCESS, FAILURE and DELAY",
                "NOTIFY=ALWAYS|501 5.5.4 Syntax error in parameters: NOTIFY must be NEVER, or a list of SUCCESS, FAILURE and DELAY",
                "ORCPT=bob@example.org|501 5.5.4 Syntax error in parameters: ORCPT must be addr-type;xtext, for example rfc822;ann@example.com",
                "ORCPT=rfc822;|501 5.5.4 Syntax error in parameters: ORCPT must be addr-type;xtext, for example rfc822;ann@example.com",
                "ORCPT=;bob@example.org|501 5.5.4 Syntax error in parameters: ORCPT must be addr-type;xtext, for example rfc822;ann@example.com"
            })
    void invalid_dsn_rcpt_parameters_are_501_and_the_recipient_not_added(String parameter, String reply) {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\n");

        assertThat(driver.send("RCPT TO:<bob@example.org> " + parameter + "\r\n"))
                .isEqualTo(reply + "\r\n");
        assertThat(driver.record().transactions().get(0).envelope().recipients())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "MAIL FROM:<ann@example.com> RET=FULL|555 5.5.4 Unsupported parameter: RET",
                "MAIL FROM:<ann@example.com> ENVID=x|555 5.5.4 Unsupported parameter: ENVID"
            })
    void dsn_mail_parameters_are_555_when_dsn_is_disabled(String line, String reply) {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.DSN).build());

        assertThat(driver.send(line + "\r\n")).isEqualTo(reply + "\r\n");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "NOTIFY=NEVER|555 5.5.4 Unsupported parameter: NOTIFY",
                "ORCPT=rfc822;bob@example.org|555 5.5.4 Unsupported parameter: ORCPT"
            })
    void dsn_rcpt_parameters_are_555_when_dsn_is_disabled(String parameter, String reply) {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.DSN).build());
        driver.send("MAIL FROM:<ann@example.com>\r\n");

        assertThat(driver.send("RCPT TO:<bob@example.org> " + parameter + "\r\n"))
                .isEqualTo(reply + "\r\n");
    }

    @Test
    void an_unknown_parameter_is_555() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("MAIL FROM:<ann@example.com> X-PRIORITY=1\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: X-PRIORITY\r\n");
        driver.send("MAIL FROM:<ann@example.com>\r\n");
        assertThat(driver.send("RCPT TO:<bob@example.org> X-PRIORITY=1\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: X-PRIORITY\r\n");
    }

    @Test
    void the_auth_mail_parameter_is_555_without_the_auth_extension() {
        assertThat(SessionDriver.afterEhlo().send("MAIL FROM:<ann@example.com> AUTH=<>\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: AUTH\r\n");
    }
}
