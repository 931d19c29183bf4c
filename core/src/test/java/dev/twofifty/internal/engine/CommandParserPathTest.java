package dev.twofifty.internal.engine;

import static dev.twofifty.internal.engine.CommandParserTest.parse;
import static dev.twofifty.internal.engine.CommandParserTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CommandParser}: MAIL and RCPT paths (RFC 5321 §4.1.2, RFC 6531) and ESMTP parameters (§4.1.2). */
class CommandParserPathTest {

    private static final String MAIL_USAGE = "501 5.5.4 Syntax: MAIL FROM:<address> [parameters]";
    private static final String RCPT_USAGE = "501 5.5.4 Syntax: RCPT TO:<address> [parameters]";
    private static final String BAD_SENDER = "501 5.1.7 Bad sender address syntax";
    private static final String BAD_RECIPIENT = "501 5.1.3 Bad recipient address syntax";
    private static final String PATH_TOO_LONG = "501 5.5.4 Path too long (RFC 5321 section 4.5.3.1)";

    private static SmtpCommand.MailFrom mail(String line) {
        SmtpCommand command = parse(line);
        assertThat(command).as(line).isInstanceOf(SmtpCommand.MailFrom.class);
        return (SmtpCommand.MailFrom) command;
    }

    private static SmtpCommand.RcptTo rcpt(String line) {
        SmtpCommand command = parse(line);
        assertThat(command).as(line).isInstanceOf(SmtpCommand.RcptTo.class);
        return (SmtpCommand.RcptTo) command;
    }

    private static EsmtpParameters parameters(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return new EsmtpParameters(values);
    }

    // ---- MAIL paths

    @Test
    void mail_takes_a_mailbox_and_keeps_the_argument_as_sent() {
        assertThat(parse("MAIL FROM:<ann@example.com>"))
                .isEqualTo(new SmtpCommand.MailFrom(
                        new Path("ann@example.com", new Address("ann", "example.com")),
                        EsmtpParameters.NONE,
                        "FROM:<ann@example.com>"));
    }

    @Test
    void mail_takes_the_null_reverse_path() {
        assertThat(mail("MAIL FROM:<>").reversePath()).isEqualTo(Path.NULL);
    }

    @Test
    void mail_and_from_are_case_insensitive() {
        assertThat(mail("mail from:<ann@example.com>").reversePath().text()).isEqualTo("ann@example.com");
    }

    @Test
    void mail_accepts_a_space_after_the_colon() {
        assertThat(mail("MAIL FROM: <ann@example.com>").reversePath().text()).isEqualTo("ann@example.com");
    }

    @Test
    void mail_drops_a_source_route() {
        assertThat(mail("MAIL FROM:<@relay.example,@hop.example:ann@example.com>")
                        .reversePath())
                .isEqualTo(new Path("ann@example.com", new Address("ann", "example.com")));
    }

    @Test
    void mail_takes_a_quoted_local_part_with_spaces_and_a_closing_bracket() {
        assertThat(mail("MAIL FROM:<\"ann > smith\"@example.com>").reversePath().mailbox())
                .isEqualTo(new Address("\"ann > smith\"", "example.com"));
    }

    @Test
    void mail_takes_a_quoted_local_part_with_an_escaped_quote() {
        assertThat(mail("MAIL FROM:<\"a\\\"b\"@example.com>").reversePath().mailbox())
                .isEqualTo(new Address("\"a\\\"b\"", "example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[192.0.2.1]", "[IPv6:2001:db8::1]"})
    void mail_takes_an_address_literal(String literal) {
        assertThat(mail("MAIL FROM:<ann@" + literal + ">").reversePath().mailbox())
                .isEqualTo(new Address("ann", literal));
    }

    @Test
    void mail_takes_utf8_addresses_whatever_the_parameters_the_session_decides() {
        assertThat(mail("MAIL FROM:<j\u00fcrgen@m\u00fcnchen.example>")
                        .reversePath()
                        .mailbox())
                .isEqualTo(new Address("j\u00fcrgen", "m\u00fcnchen.example"));
        assertThat(mail("MAIL FROM:<j\u00fcrgen@m\u00fcnchen.example> SMTPUTF8").parameters())
                .isEqualTo(parameters("SMTPUTF8", ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MAIL FROM:ann@example.com",
                "MAIL FROM:<ann@example.com",
                "MAIL FROM:<ann@example.com>SIZE=10",
                "MAIL TO:<ann@example.com>",
                "MAIL FROM <ann@example.com>",
                "MAIL",
                "MAIL FROM:",
                "MAIL FROM:<@relay.example ann@example.com>",
                "MAIL FROM:<@example.com>",
                "MAIL FROM:<\"ann@example.com>"
            })
    void mail_with_a_malformed_path_is_501_with_the_usage(String line) {
        assertThat(rejection(line)).isEqualTo(MAIL_USAGE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ann",
                "ann@",
                "ann..b@example.com",
                ".ann@example.com",
                "ann.@example.com",
                "ann@example..com",
                "ann@-example.com",
                "ann@example.com.",
                "ann@[192.0.2.1",
                "an(n@example.com",
                "ann@exa_mple.com"
            })
    void mail_with_a_bad_mailbox_is_501_5_1_7(String path) {
        assertThat(rejection("MAIL FROM:<" + path + ">")).isEqualTo(BAD_SENDER);
    }

    @Test
    void mail_without_brackets_is_accepted_in_lenient_mode() {
        SmtpCommand command = CommandParser.parse("MAIL FROM:ann@example.com SIZE=10", true);

        assertThat(command)
                .isEqualTo(new SmtpCommand.MailFrom(
                        new Path("ann@example.com", new Address("ann", "example.com")),
                        parameters("SIZE", "10"),
                        "FROM:ann@example.com SIZE=10"));
    }

    // ---- lengths (RFC 5321 §4.5.3.1: local part 64, domain 255, whole path with brackets 256 octets)

    /** A domain of exactly {@code length} octets, in labels of at most 63. */
    private static String domain(int length) {
        StringBuilder domain = new StringBuilder();
        while (domain.length() < length) {
            if (domain.length() > 0) {
                domain.append('.');
            }
            domain.append("d".repeat(Math.min(63, Math.max(1, length - domain.length()))));
        }
        return domain.toString();
    }

    @Test
    void a_path_of_exactly_256_octets_with_its_brackets_is_accepted() {
        String path = "l".repeat(64) + "@" + domain(189);
        assertThat(path.length() + 2).isEqualTo(256);

        assertThat(mail("MAIL FROM:<" + path + ">").reversePath().text()).isEqualTo(path);
        assertThat(rcpt("RCPT TO:<" + path + ">").forwardPath().text()).isEqualTo(path);
    }

    @Test
    void a_path_of_257_octets_with_its_brackets_is_too_long() {
        String path = "l".repeat(64) + "@" + domain(190);
        assertThat(path.length() + 2).isEqualTo(257);

        assertThat(rejection("MAIL FROM:<" + path + ">")).isEqualTo(PATH_TOO_LONG);
        assertThat(rejection("RCPT TO:<" + path + ">")).isEqualTo(PATH_TOO_LONG);
    }

    @Test
    void a_local_part_of_65_octets_is_too_long() {
        assertThat(rejection("MAIL FROM:<" + "l".repeat(65) + "@example.com>")).isEqualTo(PATH_TOO_LONG);
        assertThat(rejection("RCPT TO:<" + "l".repeat(65) + "@example.com>")).isEqualTo(PATH_TOO_LONG);
    }

    @Test
    void a_local_part_of_64_octets_is_accepted() {
        assertThat(mail("MAIL FROM:<" + "l".repeat(64) + "@example.com>")
                        .reversePath()
                        .mailbox()
                        .localPart())
                .hasSize(64);
    }

    @Test
    void utf8_lengths_are_counted_in_octets() {
        // 32 two-octet characters are 64 octets; 33 are 66.
        assertThat(mail("MAIL FROM:<" + "\u00fc".repeat(32) + "@example.com>")
                        .reversePath()
                        .mailbox())
                .isNotNull();
        assertThat(rejection("MAIL FROM:<" + "\u00fc".repeat(33) + "@example.com>"))
                .isEqualTo(PATH_TOO_LONG);
    }

    @Test
    void a_path_too_long_in_lenient_mode_without_brackets_is_too_long_too() {
        String path = "l".repeat(64) + "@" + domain(190);

        SmtpCommand command = CommandParser.parse("MAIL FROM:" + path, true);

        assertThat(((SmtpCommand.Malformed) command).reply()).isEqualTo(Replies.PATH_TOO_LONG);
    }

    // ---- RCPT paths

    @Test
    void rcpt_takes_a_mailbox_and_keeps_the_argument_as_sent() {
        assertThat(parse("RCPT TO:<bob@example.org> NOTIFY=NEVER"))
                .isEqualTo(new SmtpCommand.RcptTo(
                        new Path("bob@example.org", new Address("bob", "example.org")),
                        parameters("NOTIFY", "NEVER"),
                        "TO:<bob@example.org> NOTIFY=NEVER"));
    }

    @Test
    void rcpt_takes_postmaster_without_a_domain_in_any_case() {
        assertThat(rcpt("RCPT TO:<Postmaster>").forwardPath())
                .isEqualTo(new Path("Postmaster", new Address("Postmaster", "")));
    }

    @Test
    void rcpt_rejects_the_null_path() {
        assertThat(rejection("RCPT TO:<>")).isEqualTo(BAD_RECIPIENT);
    }

    @Test
    void rcpt_accepts_a_space_after_the_colon_and_drops_a_source_route() {
        assertThat(rcpt("RCPT TO: <@hop.example:bob@example.org>").forwardPath().text())
                .isEqualTo("bob@example.org");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"RCPT TO:bob@example.org", "RCPT FROM:<bob@example.org>", "RCPT", "RCPT TO:<bob@example.org"})
    void rcpt_with_a_malformed_path_is_501_with_the_usage(String line) {
        assertThat(rejection(line)).isEqualTo(RCPT_USAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "bob@", "bob..x@example.org", "bob@example..org"})
    void rcpt_with_a_bad_mailbox_is_501_5_1_3(String path) {
        assertThat(rejection("RCPT TO:<" + path + ">")).isEqualTo(BAD_RECIPIENT);
    }

    @Test
    void rcpt_without_brackets_is_accepted_in_lenient_mode() {
        SmtpCommand command = CommandParser.parse("RCPT TO:bob@example.org", true);

        assertThat(((SmtpCommand.RcptTo) command).forwardPath().text()).isEqualTo("bob@example.org");
    }

    // ---- ESMTP parameters

    @Test
    void parameters_keep_their_order_with_keywords_in_upper_case() {
        assertThat(mail("MAIL FROM:<ann@example.com> size=1024  body=8BITMIME SMTPUTF8 ")
                        .parameters())
                .isEqualTo(parameters("SIZE", "1024", "BODY", "8BITMIME", "SMTPUTF8", ""));
    }

    @Test
    void a_parameter_value_may_hold_utf8() {
        assertThat(rcpt("RCPT TO:<bob@example.org> ORCPT=utf-8;b\u00f6b@example.org")
                        .parameters())
                .isEqualTo(parameters("ORCPT", "utf-8;b\u00f6b@example.org"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "SIZE=10 size=20|501 5.5.4 Syntax error in parameters: duplicate parameter SIZE",
                "=x|501 5.5.4 Syntax error in parameters: '=x' is not KEYWORD[=value]",
                "-FOO|501 5.5.4 Syntax error in parameters: '-FOO' is not KEYWORD[=value]",
                "FO_O=1|501 5.5.4 Syntax error in parameters: 'FO_O=1' is not KEYWORD[=value]",
                "SIZE=|501 5.5.4 Syntax error in parameters: bad value in 'SIZE='",
                "FOO=a=b|501 5.5.4 Syntax error in parameters: bad value in 'FOO=a=b'",
                "FOO=a\u007fb|501 5.5.4 Syntax error in parameters: bad value in 'FOO=a\u007fb'"
            })
    void bad_parameters_are_501_naming_the_problem(String parameters, String reply) {
        assertThat(rejection("MAIL FROM:<ann@example.com> " + parameters)).isEqualTo(reply);
        assertThat(rejection("RCPT TO:<bob@example.org> " + parameters)).isEqualTo(reply);
    }

    @Test
    void unknown_but_well_formed_parameters_parse_and_are_left_to_the_session() {
        assertThat(mail("MAIL FROM:<ann@example.com> X-CUSTOM=1 FLAG").parameters())
                .isEqualTo(parameters("X-CUSTOM", "1", "FLAG", ""));
    }
}
