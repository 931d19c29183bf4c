package dev.twofifty.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Angus Mail against the default server on loopback, without TLS or AUTH: what it sent is what the journal holds. */
@Timeout(30)
class AngusMailPlainTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeSmtpServer smtp = FakeSmtpServer.start();
    private final AngusMail angus = AngusMail.smtp(smtp.host(), smtp.port());

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void a_text_message_with_dotted_lines_is_journaled_byte_for_byte() throws Exception {
        MimeMessage message = angus.textMessage("ann@example.com", "bob@example.org", "Plain text");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.parsed().textBody()).contains(AngusMail.DOTTED_BODY);
        assertThat(received.envelope().sender()).isEqualTo("ann@example.com");
        assertThat(received.envelope().recipientAddresses()).containsExactly("bob@example.org");
        assertThat(received.envelope().mailParameters().isEmpty()).isTrue();
    }

    @Test
    void the_session_records_the_whole_conversation() throws Exception {
        angus.send(angus.textMessage("ann@example.com", "bob@example.org", "Transcript"));

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).containsExactly("EHLO", "MAIL", "RCPT", "DATA", "QUIT");
        assertThat(session.clientLines())
                .containsExactly(
                        "EHLO " + AngusMail.CLIENT_NAME,
                        "MAIL FROM:<ann@example.com>",
                        "RCPT TO:<bob@example.org>",
                        "DATA",
                        "QUIT");
        assertThat(session.serverLines()).first().asString().startsWith("220 localhost ESMTP");
        assertThat(session.serverLines()).contains("354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 OK: queued as 1");
        assertThat(session.serverLines()).last().asString().startsWith("221 2.0.0");
        assertThat(session.ehlo()).contains(AngusMail.CLIENT_NAME);
        assertThat(session.tls()).isEmpty();
        assertThat(session.authenticatedAs()).isEmpty();
        assertThat(session.violations()).isEmpty();
        assertThat(session.endedBy()).contains(SessionEnd.QUIT);
        assertThat(session.transactions()).singleElement().satisfies(transaction -> {
            assertThat(transaction.outcome()).isEqualTo(TransactionRecord.Outcome.ACCEPTED);
            assertThat(transaction.messageId()).contains(1L);
            assertThat(transaction.contentSize())
                    .isEqualTo(smtp.messages().get(0).size());
        });
        assertThat(session.transcript())
                .filteredOn(entry -> entry.kind() == TranscriptEntry.Kind.CONTENT)
                .singleElement()
                .extracting(TranscriptEntry::line)
                .isEqualTo("[message content: " + smtp.messages().get(0).size() + " octets]");
    }

    @Test
    void a_client_that_does_not_wait_for_the_reply_to_quit_still_ends_with_quit() throws Exception {
        angus.with("quitwait", "false");

        angus.send(angus.textMessage("ann@example.com", "bob@example.org", "No quitwait"));

        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.endedBy()).contains(SessionEnd.QUIT);
        assertThat(session.violations()).isEmpty();
        assertThat(smtp.messages()).hasSize(1);
    }

    @Test
    void a_multipart_message_with_a_binary_attachment_is_journaled_byte_for_byte() throws Exception {
        byte[] binary = new byte[3000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(AngusMail.DOTTED_BODY, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hello</p>\r\n.<p>dot</p>\r\n", "text/html; charset=UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(binary, "application/octet-stream");
        attachment.setFileName("data.bin");
        MimeMultipart multipart = new MimeMultipart("mixed", text, html, attachment);
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setSubject("Multipart");
        message.setContent(multipart);
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.parsed().attachments()).singleElement().satisfies(part -> {
            assertThat(part.fileName()).contains("data.bin");
            assertThat(part.content()).isEqualTo(binary);
        });
        assertThat(received.parsed().htmlBody()).contains("<p>Hello</p>\r\n.<p>dot</p>\r\n");
    }

    @Test
    void eight_bit_text_goes_with_body_8bitmime_when_allowed_and_declared() throws Exception {
        angus.with("allow8bitmime", "true").with("mailextension", "BODY=8BITMIME");
        MimeMessage message = eightBitMessage();

        angus.send(message);
        // Angus converts the text part to 8bit and saves the message again before it sends it.
        byte[] expected = Wire.angusContent(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().body()).contains("8BITMIME");
        Wire.assertRawEquals(received, expected);
        assertThat(received.parsed().transferEncoding()).contains("8bit");
        assertThat(received.raw()).containsSequence(Wire.utf8("Grüße aus Köln, 東京"));
        assertThat(received.parsed().textBody()).contains(EIGHT_BIT_BODY);
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).violations())
                .isEmpty();
    }

    /**
     * Angus Mail's {@code allow8bitmime} switches the content to 8bit but never adds {@code
     * BODY=8BITMIME} to MAIL (that takes {@code mail.smtp.mailextension}): the server accepts the
     * message and records the client's violation of RFC 6152.
     */
    @Test
    void eight_bit_text_without_body_8bitmime_is_accepted_and_recorded_as_a_violation() throws Exception {
        angus.with("allow8bitmime", "true");
        MimeMessage message = eightBitMessage();

        angus.send(message);
        byte[] expected = Wire.angusContent(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().body()).isEmpty();
        Wire.assertRawEquals(received, expected);
        assertThat(received.parsed().transferEncoding()).contains("8bit");
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).violations())
                .extracting(Violation::type)
                .containsExactly(Violation.Type.EIGHT_BIT_CONTENT_WITHOUT_8BITMIME);
    }

    @Test
    void eight_bit_text_is_encoded_to_seven_bits_without_8bitmime() throws Exception {
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setText(EIGHT_BIT_BODY, "UTF-8");
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().body()).isEmpty();
        Wire.assertRawEquals(received, expected);
        assertThat(received.parsed().transferEncoding()).contains("quoted-printable");
        assertThat(received.parsed().textBody()).contains(EIGHT_BIT_BODY);
    }

    @Test
    void internationalized_addresses_go_with_smtputf8() throws Exception {
        angus.withProperty("mail.mime.allowutf8", "true");
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.unchecked("jörg@bücher.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, AngusMail.unchecked("用户@例子.广告"));
        message.setSubject("Ünïcödé subject");
        message.setText("Hallo 用户\r\n", "UTF-8");
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().smtpUtf8()).isTrue();
        assertThat(received.envelope().sender()).isEqualTo("jörg@bücher.example");
        assertThat(received.envelope().recipientAddresses()).containsExactly("用户@例子.广告");
        Wire.assertRawEquals(received, expected);
        assertThat(received.raw()).containsSequence(Wire.utf8("To: 用户@例子.广告\r\n"));
        assertThat(received.subject()).isEqualTo("Ünïcödé subject");
        assertThat(smtp.sessions().get(0).clientLines()).contains("RCPT TO:<用户@例子.广告>");
    }

    @Test
    void quoted_local_parts_and_address_literals_are_kept_as_sent() throws Exception {
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("\"ann smith\"@example.com"));
        message.setRecipients(
                MimeMessage.RecipientType.TO,
                AngusMail.addresses("\"bob..odd\"@example.org", "root@[127.0.0.1]", "Cid.Case@Example.ORG"));
        message.setText(AngusMail.DOTTED_BODY);
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        assertThat(received.envelope().sender()).isEqualTo("\"ann smith\"@example.com");
        assertThat(received.envelope().recipientAddresses())
                .containsExactly("\"bob..odd\"@example.org", "root@[127.0.0.1]", "Cid.Case@Example.ORG");
    }

    @Test
    void chunked_content_goes_as_bdat_and_is_journaled_byte_for_byte() throws Exception {
        angus.with("chunksize", "1024");
        MimeMessage message = longMessage("Hello,\r\n");
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, expected);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        List<String> bdats = session.clientLines().stream()
                .filter(line -> line.startsWith("BDAT"))
                .toList();
        assertThat(bdats).hasSizeGreaterThan(2).last().asString().endsWith(" LAST");
        assertThat(session.commands()).doesNotContain("DATA");
        long chunked = bdats.stream()
                .mapToLong(line -> Long.parseLong(line.split(" ")[1]))
                .sum();
        assertThat(chunked).isEqualTo(expected.length);
    }

    /**
     * Angus Mail 2.0.5 dot-stuffs BDAT chunks as if they were DATA (eclipse-ee4j/angus-mail issue
     * 209), although BDAT content is sent as it is (RFC 3030 §2). The server must keep the chunks
     * exactly as sent, so the journal shows the client's extra dots. When Angus is fixed, the
     * expected content becomes the message itself.
     */
    @Test
    void bdat_chunks_are_kept_as_sent_even_when_angus_dot_stuffs_them() throws Exception {
        angus.with("chunksize", "1024");
        MimeMessage message = longMessage(AngusMail.DOTTED_BODY);
        byte[] stuffedByAngus = Wire.dotStuffed(Wire.angusContent(message));

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        Wire.assertRawEquals(received, stuffedByAngus);
        assertThat(received.rawText())
                .contains("\r\n..a line that starts with a dot\r\n...one that starts with two\r\n..\r\n");
    }

    @Test
    void with_sendpartial_angus_sends_to_the_first_100_of_150_recipients_and_reports_the_452s() throws Exception {
        angus.with("sendpartial", "true");
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        List<String> recipients = IntStream.rangeClosed(1, 150)
                .mapToObj(i -> "rcpt" + i + "@example.org")
                .toList();
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses(recipients.toArray(String[]::new)));
        message.setText("To many.\r\n");
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        SendFailedException failure = catchThrowableOfType(SendFailedException.class, () -> angus.send(message));

        assertThat(addressesOf(failure.getValidSentAddresses())).isEqualTo(recipients.subList(0, 100));
        assertThat(addressesOf(failure.getValidUnsentAddresses())).isEqualTo(recipients.subList(100, 150));
        assertThat(failure.getInvalidAddresses()).isNullOrEmpty();
        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().recipientAddresses()).isEqualTo(recipients.subList(0, 100));
        Wire.assertRawEquals(received, expected);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.serverLines())
                .filteredOn(line -> line.startsWith("452 4.5.3"))
                .hasSize(50);
        assertThat(smtp.messages()).hasSize(1);
    }

    @Test
    void without_sendpartial_a_452_makes_angus_reset_and_nothing_is_journaled() throws Exception {
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        String[] recipients = IntStream.rangeClosed(1, 150)
                .mapToObj(i -> "rcpt" + i + "@example.org")
                .toArray(String[]::new);
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses(recipients));
        message.setText("To many.\r\n");
        message.saveChanges();

        SendFailedException failure = catchThrowableOfType(SendFailedException.class, () -> angus.send(message));

        assertThat(failure.getValidUnsentAddresses()).hasSize(150);
        SessionRecord session = smtp.journal().awaitEndedSessions(1, WAIT).get(0);
        assertThat(session.commands()).doesNotContain("DATA").contains("RSET");
        assertThat(session.transactions())
                .singleElement()
                .extracting(TransactionRecord::outcome)
                .isEqualTo(TransactionRecord.Outcome.ABORTED);
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void bcc_recipients_are_envelope_recipients_of_one_message_and_not_in_its_headers() throws Exception {
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setRecipients(MimeMessage.RecipientType.CC, AngusMail.addresses("cid@example.org"));
        message.setRecipients(MimeMessage.RecipientType.BCC, AngusMail.addresses("dee@example.net", "eve@example.net"));
        message.setSubject("Bcc");
        message.setText(AngusMail.DOTTED_BODY);
        message.saveChanges();
        byte[] expected = Wire.angusContent(message);

        angus.send(message);

        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.envelope().recipientAddresses())
                .containsExactly("bob@example.org", "cid@example.org", "dee@example.net", "eve@example.net");
        Wire.assertRawEquals(received, expected);
        assertThat(received.parsed().headerRecipients()).containsExactly("bob@example.org", "cid@example.org");
        assertThat(received.parsed().header("Bcc")).isEmpty();
        assertThat(received.rawText()).doesNotContain("dee@example.net", "eve@example.net");
        smtp.journal().awaitEndedSessions(1, WAIT);
        assertThat(smtp.messages()).hasSize(1);
    }

    @Test
    void several_messages_on_one_connection_are_separate_transactions_of_one_session() throws Exception {
        List<byte[]> expected = new ArrayList<>();
        try (Transport transport = angus.connect()) {
            for (int i = 1; i <= 3; i++) {
                MimeMessage message = angus.textMessage("ann@example.com", "bob" + i + "@example.org", "Nr " + i);
                expected.add(Wire.angusContent(message));
                transport.sendMessage(message, message.getAllRecipients());
            }
        }

        List<ReceivedMessage> received = smtp.awaitMessages(3, WAIT);
        assertThat(received).extracting(ReceivedMessage::sessionId).containsOnly(1L);
        assertThat(received).extracting(ReceivedMessage::transactionIndex).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            Wire.assertRawEquals(received.get(i), expected.get(i));
            assertThat(received.get(i).envelope().recipientAddresses())
                    .containsExactly("bob" + (i + 1) + "@example.org");
        }
        assertThat(smtp.journal().awaitEndedSessions(1, WAIT).get(0).messageIds())
                .containsExactly(1L, 2L, 3L);
    }

    private static List<String> addressesOf(Address[] addresses) {
        List<String> result = new ArrayList<>();
        for (Address address : addresses) {
            result.add(((InternetAddress) address).getAddress());
        }
        return result;
    }

    private static final String EIGHT_BIT_BODY = "Grüße aus Köln, 東京 and Zürich\r\n.dotted ünïcode\r\n";

    private MimeMessage eightBitMessage() throws MessagingException {
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setSubject("Grüße");
        message.setText(EIGHT_BIT_BODY, "UTF-8");
        message.saveChanges();
        return message;
    }

    /** A text message of about 4 KiB that starts with the given lines. */
    private MimeMessage longMessage(String firstLines) throws MessagingException {
        MimeMessage message = angus.message();
        message.setFrom(AngusMail.address("ann@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, AngusMail.addresses("bob@example.org"));
        message.setSubject("Chunks");
        StringBuilder body = new StringBuilder(firstLines);
        IntStream.range(0, 100).forEach(i -> body.append("line ").append(i).append(" of the chunked body\r\n"));
        message.setText(body.toString());
        message.saveChanges();
        return message;
    }
}
