package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.protocol.SmtpCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CommandParser}: every verb, and the syntax of BDAT and AUTH. Paths and parameters are in {@link CommandParserPathTest}. */
class CommandParserTest {

    static SmtpCommand parse(String line) {
        return CommandParser.parse(line, false);
    }

    /** The reply of a malformed line as it goes on the wire with enhanced codes, without CRLF. */
    static String rejection(String line) {
        SmtpCommand command = parse(line);
        assertThat(command).as(line).isInstanceOf(SmtpCommand.Malformed.class);
        return ((SmtpCommand.Malformed) command).reply().render(true).stripTrailing();
    }

    @Test
    void an_empty_line_is_malformed_with_500() {
        assertThat(parse("")).isEqualTo(new SmtpCommand.Malformed("", "", Replies.EMPTY_LINE));
        assertThat(rejection("")).isEqualTo("500 5.5.2 Empty command line");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"EHLO client.example", "ehlo client.example", "EHLO  client.example ", "EhLo client.example"})
    void ehlo_takes_the_trimmed_domain_and_any_verb_case(String line) {
        assertThat(parse(line)).isEqualTo(new SmtpCommand.Ehlo("client.example"));
    }

    @Test
    void ehlo_accepts_an_address_literal() {
        assertThat(parse("EHLO [192.0.2.1]")).isEqualTo(new SmtpCommand.Ehlo("[192.0.2.1]"));
    }

    @Test
    void helo_takes_the_domain() {
        assertThat(parse("HELO client.example")).isEqualTo(new SmtpCommand.Helo("client.example"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "EHLO|501 5.5.4 Syntax: EHLO hostname",
                "EHLO   |501 5.5.4 Syntax: EHLO hostname",
                "HELO|501 5.5.4 Syntax: HELO hostname"
            },
            ignoreLeadingAndTrailingWhitespace = false)
    void hello_without_a_domain_is_501(String line, String reply) {
        assertThat(rejection(line)).isEqualTo(reply);
    }

    @Test
    void commands_without_arguments_parse() {
        assertThat(parse("DATA")).isEqualTo(new SmtpCommand.Data());
        assertThat(parse("rset")).isEqualTo(new SmtpCommand.Rset());
        assertThat(parse("QUIT")).isEqualTo(new SmtpCommand.Quit());
        assertThat(parse("STARTTLS")).isEqualTo(new SmtpCommand.StartTls());
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "DATA x|501 5.5.4 Syntax: DATA (no parameters)",
                "RSET now|501 5.5.4 Syntax: RSET (no parameters)",
                "QUIT please|501 5.5.4 Syntax: QUIT (no parameters)",
                "STARTTLS x|501 5.5.4 Syntax: STARTTLS (no parameters)"
            })
    void commands_without_arguments_reject_one_with_501(String line, String reply) {
        assertThat(rejection(line)).isEqualTo(reply);
    }

    @Test
    void noop_and_help_take_an_optional_argument() {
        assertThat(parse("NOOP")).isEqualTo(new SmtpCommand.Noop(""));
        assertThat(parse("NOOP anything at all")).isEqualTo(new SmtpCommand.Noop("anything at all"));
        assertThat(parse("HELP")).isEqualTo(new SmtpCommand.Help(""));
        assertThat(parse("HELP MAIL")).isEqualTo(new SmtpCommand.Help("MAIL"));
    }

    @Test
    void vrfy_and_expn_need_an_argument() {
        assertThat(parse("VRFY ann")).isEqualTo(new SmtpCommand.Vrfy("ann"));
        assertThat(parse("EXPN staff")).isEqualTo(new SmtpCommand.Expn("staff"));
        assertThat(rejection("VRFY")).isEqualTo("501 5.5.4 Syntax: VRFY string");
        assertThat(rejection("EXPN  ")).isEqualTo("501 5.5.4 Syntax: EXPN string");
    }

    @Test
    void an_unknown_verb_is_unknown_with_its_argument() {
        assertThat(parse("xyzzy magic words")).isEqualTo(new SmtpCommand.Unknown("XYZZY", "magic words"));
        assertThat(parse("TURN")).isEqualTo(new SmtpCommand.Unknown("TURN", ""));
    }

    // ---- BDAT

    @Test
    void bdat_takes_a_size() {
        assertThat(parse("BDAT 1000")).isEqualTo(new SmtpCommand.Bdat(1000, false, "1000"));
    }

    @Test
    void bdat_takes_last_in_any_case() {
        assertThat(parse("BDAT 0 LAST")).isEqualTo(new SmtpCommand.Bdat(0, true, "0 LAST"));
        assertThat(parse("bdat 12 last")).isEqualTo(new SmtpCommand.Bdat(12, true, "12 last"));
    }

    @Test
    void bdat_takes_a_size_of_18_digits() {
        assertThat(parse("BDAT 999999999999999999"))
                .isEqualTo(new SmtpCommand.Bdat(999999999999999999L, false, "999999999999999999"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "BDAT",
                "BDAT ",
                "BDAT -1",
                "BDAT x",
                "BDAT 1 FIRST",
                "BDAT 1 LAST more",
                "BDAT 1234567890123456789",
                "BDAT +5"
            })
    void bdat_with_bad_syntax_is_501(String line) {
        assertThat(rejection(line)).isEqualTo("501 5.5.4 Syntax: BDAT size [LAST]");
    }

    // ---- AUTH

    @Test
    void auth_takes_a_mechanism_in_upper_case() {
        assertThat(parse("AUTH plain")).isEqualTo(new SmtpCommand.Auth("PLAIN", ""));
        assertThat(parse("AUTH CRAM-MD5")).isEqualTo(new SmtpCommand.Auth("CRAM-MD5", ""));
    }

    @Test
    void auth_takes_an_initial_response() {
        assertThat(parse("AUTH PLAIN AGFubgBzZWNyZXQ=")).isEqualTo(new SmtpCommand.Auth("PLAIN", "AGFubgBzZWNyZXQ="));
        assertThat(parse("AUTH PLAIN =")).isEqualTo(new SmtpCommand.Auth("PLAIN", "="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTH", "AUTH ", "AUTH PLAIN a b", "AUTH PL@IN", "AUTH ABCDEFGHIJKLMNOPQRSTU"})
    void auth_with_bad_syntax_is_501(String line) {
        assertThat(rejection(line)).isEqualTo("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
    }

    @Test
    void auth_masks_the_initial_response_in_to_string() {
        assertThat(parse("AUTH PLAIN AGFubgBzZWNyZXQ=").toString())
                .isEqualTo("Auth[mechanism=PLAIN, initialResponse=****]");
    }

    // ---- decoding of octets

    @Test
    void decode_keeps_us_ascii_as_is() {
        assertThat(CommandParser.decode("NOOP x".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("NOOP x");
    }

    @Test
    void decode_reads_valid_utf8() {
        assertThat(CommandParser.decode("RCPT TO:<j\u00fcrgen@example.com>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("RCPT TO:<j\u00fcrgen@example.com>");
    }

    @Test
    void decode_returns_null_for_invalid_utf8() {
        assertThat(CommandParser.decode(new byte[] {'N', 'O', (byte) 0xC3, 'O', 'P'}))
                .isNull();
        assertThat(CommandParser.decode(new byte[] {'N', (byte) 0xFF})).isNull();
    }
}
