package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.Violation;
import dev.twofifty.protocol.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DATA: the message as journaled, SIZE and 8BITMIME, smuggling payloads end to end, limits and transaction outcomes. */
class SessionDataTest {

    private static final String ENVELOPE = "MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n";
    private static final String START_INPUT = "354 End data with <CR><LF>.<CR><LF>\r\n";
    private static final String BARE_CR_OR_LF_REJECTED =
            "554 5.6.0 Message rejected: bare CR or LF in content; lines must end with CRLF (RFC 5321 section 2.3.8)\r\n";

    /** A session after EHLO, MAIL, one RCPT and DATA, replies taken. */
    private static SessionDriver inData(ServerConfig config) {
        SessionDriver driver = SessionDriver.afterEhlo(config);
        driver.send(ENVELOPE);
        assertThat(driver.send("DATA\r\n")).isEqualTo(START_INPUT);
        return driver;
    }

    private static SessionDriver inData() {
        return inData(ServerConfig.defaults());
    }

    @Test
    void a_message_is_accepted_with_its_journal_id() {
        SessionDriver driver = inData();

        assertThat(driver.send("Subject: hi\r\n\r\nHello\r\n.\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
    }

    @Test
    void the_journal_keeps_the_raw_bytes_after_dot_unstuffing_without_the_final_dot() {
        SessionDriver driver = inData();

        driver.send("Subject: dots\r\n\r\n..leading dot\r\n...\r\nend\r\n.\r\n");

        assertThat(driver.onlyMessage().raw())
                .isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n..\r\nend\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void the_journal_keeps_the_envelope_and_the_coordinates_of_the_message() {
        SessionDriver driver = inData();

        driver.send("Subject: hi\r\n\r\n.\r\n");

        ReceivedMessage message = driver.onlyMessage();
        assertThat(message.envelope().sender()).isEqualTo("ann@example.com");
        assertThat(message.envelope().recipientAddresses()).containsExactly("bob@example.org");
        assertThat(message.sessionId()).isEqualTo(driver.session.id());
        assertThat(message.transactionIndex()).isEqualTo(1);
        assertThat(driver.record().messageIds()).containsExactly(message.id());
    }

    @Test
    void an_empty_message_is_accepted() {
        SessionDriver driver = inData();

        assertThat(driver.send(".\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().size()).isZero();
    }

    @Test
    void one_message_per_transaction_whatever_the_number_of_recipients() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\n"
                + "RCPT TO:<bob@example.org>\r\nRCPT TO:<carl@example.net>\r\nRCPT TO:<dora@example.com>\r\nDATA\r\n");

        driver.send("To: bob@example.org\r\n\r\nHi\r\n.\r\n");

        assertThat(driver.onlyMessage().envelope().recipientAddresses())
                .containsExactly("bob@example.org", "carl@example.net", "dora@example.com");
    }

    @Test
    void the_second_transaction_of_a_session_has_index_two() {
        SessionDriver driver = inData();
        driver.send("first\r\n.\r\n");
        driver.send(ENVELOPE + "DATA\r\n");

        driver.send("second\r\n.\r\n");

        assertThat(driver.messages())
                .extracting(ReceivedMessage::transactionIndex)
                .containsExactly(1, 2);
        assertThat(driver.messages()).extracting(ReceivedMessage::rawText).containsExactly("first\r\n", "second\r\n");
        assertThat(driver.record().transactions())
                .extracting(TransactionRecord::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.ACCEPTED);
    }

    @Test
    void an_accepted_transaction_records_its_final_reply_message_id_and_size() {
        SessionDriver driver = inData();

        driver.send("12345\r\n.\r\n");

        TransactionRecord transaction = driver.record().transactions().get(0);
        assertThat(transaction.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(transaction.finalReply()).contains(SmtpReply.of(250, "2.0.0", "OK: queued as 1"));
        assertThat(transaction.messageId()).contains(1L);
        assertThat(transaction.contentSize()).isEqualTo(7);
    }

    @Test
    void a_connection_closed_in_mid_content_interrupts_the_transaction() {
        SessionDriver driver = inData();
        driver.send("Subject: cut\r\n");

        driver.clientCloses();

        TransactionRecord transaction = driver.record().transactions().get(0);
        assertThat(transaction.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(transaction.contentSize()).isEqualTo(14);
        assertThat(driver.messages()).isEmpty();
    }

    @Test
    void quit_inside_an_open_transaction_aborts_it() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.defaults());
        driver.send(ENVELOPE);

        assertThat(driver.send("QUIT\r\n")).isEqualTo("221 2.0.0 localhost Bye\r\n");

        assertThat(driver.record().transactions()).singleElement().satisfies(transaction -> {
            assertThat(transaction.outcome()).isEqualTo(Outcome.ABORTED);
            assertThat(transaction.envelope().recipientAddresses()).containsExactly("bob@example.org");
        });
    }

    // ---- SIZE (RFC 1870)

    private static final ServerConfig SMALL = ServerConfig.builder()
            .limits(Limits.DEFAULTS.withMaxMessageSize(100))
            .build();

    @Test
    void mail_declaring_a_size_over_the_limit_is_552() {
        SessionDriver driver = SessionDriver.afterEhlo(SMALL);

        assertThat(driver.send("MAIL FROM:<ann@example.com> SIZE=101\r\n"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 100 octets\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.MESSAGE_TOO_LARGE);
    }

    @Test
    void mail_declaring_a_size_at_the_limit_is_accepted_and_recorded() {
        SessionDriver driver = SessionDriver.afterEhlo(SMALL);

        assertThat(driver.send("MAIL FROM:<ann@example.com> SIZE=100\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
        assertThat(driver.record().transactions().get(0).envelope().declaredSize())
                .contains(100L);
    }

    @Test
    void a_size_that_is_not_a_number_is_501() {
        assertThat(SessionDriver.afterEhlo().send("MAIL FROM:<ann@example.com> SIZE=big\r\n"))
                .isEqualTo("501 5.5.4 Syntax error in parameters: SIZE must be a number of octets\r\n");
    }

    @Test
    void content_over_the_limit_is_552_at_the_end_of_data_and_not_journaled() {
        SessionDriver driver = inData(SMALL);

        assertThat(driver.send("x".repeat(99) + "\r\n.\r\n"))
                .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 100 octets\r\n");
        assertThat(driver.messages()).isEmpty();
        TransactionRecord transaction = driver.record().transactions().get(0);
        assertThat(transaction.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(transaction.contentSize()).isEqualTo(101);
        assertThat(driver.violations()).containsExactly(Violation.Type.MESSAGE_TOO_LARGE);
    }

    @Test
    void content_at_the_limit_is_accepted() {
        SessionDriver driver = inData(SMALL);

        assertThat(driver.send("x".repeat(98) + "\r\n.\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
    }

    @Test
    void after_a_rejected_message_a_new_transaction_can_start() {
        SessionDriver driver = inData(SMALL);
        driver.send("x".repeat(200) + "\r\n.\r\n");

        assertThat(driver.send("MAIL FROM:<ann@example.com>\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
    }

    @Test
    void size_is_unsupported_when_the_extension_is_disabled() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.SIZE).build());

        assertThat(driver.send("MAIL FROM:<ann@example.com> SIZE=10\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: SIZE\r\n");
    }

    // ---- 8BITMIME (RFC 6152)

    @Test
    void body_8bitmime_is_accepted_and_8bit_content_kept_exactly() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com> BODY=8BITMIME\r\nRCPT TO:<bob@example.org>\r\nDATA\r\n");

        assertThat(driver.send("Subject: caf\u00e9\r\n\r\n\u00e0 bient\u00f4t\r\n.\r\n"))
                .isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("Subject: caf\u00e9\r\n\r\n\u00e0 bient\u00f4t\r\n");
        assertThat(driver.onlyMessage().envelope().body()).contains("8BITMIME");
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void eight_bit_content_without_body_8bitmime_is_accepted_and_recorded_as_a_violation() {
        SessionDriver driver = inData();

        assertThat(driver.send("caf\u00e9\r\n.\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.EIGHT_BIT_CONTENT_WITHOUT_8BITMIME);
    }

    @Test
    void body_binarymime_is_555_and_a_bad_body_501() {
        SessionDriver driver = SessionDriver.afterEhlo();

        assertThat(driver.send("MAIL FROM:<ann@example.com> BODY=BINARYMIME\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: BODY=BINARYMIME (BINARYMIME is not offered)\r\n");
        assertThat(driver.send("MAIL FROM:<ann@example.com> BODY=8BIT\r\n"))
                .isEqualTo("501 5.5.4 Syntax error in parameters: BODY must be 7BIT or 8BITMIME\r\n");
        assertThat(driver.send("MAIL FROM:<ann@example.com> body=7bit\r\n"))
                .isEqualTo("250 2.1.0 Sender <ann@example.com> OK\r\n");
    }

    @Test
    void body_is_unsupported_when_8bitmime_is_disabled() {
        SessionDriver driver = SessionDriver.afterEhlo(
                ServerConfig.builder().disable(SmtpExtension.EIGHT_BIT_MIME).build());

        assertThat(driver.send("MAIL FROM:<ann@example.com> BODY=8BITMIME\r\n"))
                .isEqualTo("555 5.5.4 Unsupported parameter: BODY\r\n");
    }

    // ---- smuggling, bare CR and LF, long lines

    @ParameterizedTest
    @ValueSource(strings = {"\n.\r\n", "\r\n.\n", "\n.\n", "\r.\r"})
    void a_smuggling_payload_does_not_end_data_in_strict_mode(String payload) {
        SessionDriver driver = inData();

        String reply = driver.send("Subject: s\r\n\r\nhi" + payload + "MAIL FROM:<evil@example.com>\r\n"
                + "RCPT TO:<victim@example.com>\r\nDATA\r\n\r\nsmuggled\r\n.\r\n");

        assertThat(reply).isEqualTo(BARE_CR_OR_LF_REJECTED);
        assertThat(driver.messages()).isEmpty();
        assertThat(driver.record().clientLines()).doesNotContain("MAIL FROM:<evil@example.com>");
        assertThat(driver.record().transactions()).hasSize(1);
    }

    @Test
    void lf_dot_lf_ends_data_in_lenient_mode_and_what_follows_is_commands() {
        SessionDriver driver = inData(ServerConfig.builder().lenient().build());

        String reply = driver.send("Subject: s\r\n\r\nhi\n.\nMAIL FROM:<evil@example.com>\r\n");

        assertThat(reply).isEqualTo("250 2.0.0 OK: queued as 1\r\n250 2.1.0 Sender <evil@example.com> OK\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("Subject: s\r\n\r\nhi\n");
        assertThat(driver.violations()).contains(Violation.Type.BARE_LF_IN_DATA);
    }

    @Test
    void crlf_dot_lf_ends_data_in_lenient_mode_and_is_recorded_as_a_bare_lf() {
        SessionDriver driver = inData(ServerConfig.builder().lenient().build());

        assertThat(driver.send("Subject: s\r\n\r\nhi\r\n.\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_LF_IN_DATA);
    }

    @Test
    void a_bare_lf_in_content_is_554_in_strict_mode() {
        SessionDriver driver = inData();

        assertThat(driver.send("a\nb\r\n.\r\n")).isEqualTo(BARE_CR_OR_LF_REJECTED);
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_LF_IN_DATA);
        assertThat(driver.record().transactions().get(0).outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void a_bare_cr_in_content_is_accepted_in_lenient_mode_and_recorded() {
        SessionDriver driver = inData(ServerConfig.builder().lenient().build());

        assertThat(driver.send("a\rb\r\n.\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.onlyMessage().rawText()).isEqualTo("a\rb\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.BARE_CR_IN_DATA);
    }

    @Test
    void a_text_line_over_1000_octets_is_500_in_strict_mode() {
        SessionDriver driver = inData();

        assertThat(driver.send("x".repeat(999) + "\r\n.\r\n"))
                .isEqualTo(
                        "500 5.5.2 Message rejected: line too long, at most 1000 octets (RFC 5321 section 4.5.3.1.6)\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.TEXT_LINE_TOO_LONG);
    }

    @Test
    void a_text_line_over_1000_octets_is_accepted_in_lenient_mode_and_recorded() {
        SessionDriver driver = inData(ServerConfig.builder().lenient().build());

        assertThat(driver.send("x".repeat(999) + "\r\n.\r\n")).isEqualTo("250 2.0.0 OK: queued as 1\r\n");
        assertThat(driver.violations()).containsExactly(Violation.Type.TEXT_LINE_TOO_LONG);
    }

    // ---- recipients limit

    @Test
    void the_101st_recipient_is_452_with_the_default_limit() {
        SessionDriver driver = SessionDriver.afterEhlo();
        driver.send("MAIL FROM:<ann@example.com>\r\n");
        StringBuilder hundred = new StringBuilder();
        IntStream.rangeClosed(1, 100)
                .forEach(i -> hundred.append("RCPT TO:<r").append(i).append("@example.org>\r\n"));
        String replies = driver.send(hundred.toString());
        assertThat(replies.split("\r\n")).hasSize(100).allMatch(line -> line.startsWith("250 2.1.5 Recipient <r"));

        assertThat(driver.send("RCPT TO:<r101@example.org>\r\n")).isEqualTo("452 4.5.3 Too many recipients\r\n");
        driver.send("DATA\r\n");
        driver.send("Hi\r\n.\r\n");
        assertThat(driver.onlyMessage().envelope().recipients()).hasSize(100);
    }

    @Test
    void data_is_accepted_after_a_recipient_over_a_limit_of_one_was_refused() {
        SessionDriver driver = SessionDriver.afterEhlo(ServerConfig.builder()
                .limits(Limits.DEFAULTS.withMaxRecipients(1))
                .build());
        driver.send("MAIL FROM:<ann@example.com>\r\nRCPT TO:<bob@example.org>\r\n");

        assertThat(driver.send("RCPT TO:<carl@example.net>\r\n")).isEqualTo("452 4.5.3 Too many recipients\r\n");
        assertThat(driver.send("DATA\r\n")).isEqualTo(START_INPUT);
    }
}
