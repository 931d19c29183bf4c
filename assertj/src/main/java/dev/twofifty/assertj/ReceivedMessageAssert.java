package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldContainAddress.shouldContainAddress;
import static dev.twofifty.assertj.error.ShouldHaveAddresses.shouldHaveAddresses;
import static dev.twofifty.assertj.error.ShouldHaveAttachment.shouldHaveAttachmentAt;
import static dev.twofifty.assertj.error.ShouldHaveAttachment.shouldHaveAttachmentNamed;
import static dev.twofifty.assertj.error.ShouldHaveAttachment.shouldHaveAttachments;
import static dev.twofifty.assertj.error.ShouldHaveBody.shouldHaveBodyContaining;
import static dev.twofifty.assertj.error.ShouldHaveBody.shouldHaveBodyMatching;
import static dev.twofifty.assertj.error.ShouldHaveBody.shouldHaveNoHtmlBody;
import static dev.twofifty.assertj.error.ShouldHaveHeader.shouldHaveHeader;
import static dev.twofifty.assertj.error.ShouldHaveHeader.shouldHaveHeaderMatching;
import static dev.twofifty.assertj.error.ShouldHaveHeader.shouldHaveHeaderValue;
import static dev.twofifty.assertj.error.ShouldHaveLines.shouldHaveLines;
import static dev.twofifty.assertj.error.ShouldHaveMailParameter.shouldHaveUsedSmtpUtf8;
import static dev.twofifty.assertj.error.ShouldHaveNoBlindRecipients.shouldHaveNoBlindRecipients;
import static dev.twofifty.assertj.error.ShouldHaveProperty.shouldHave;
import static dev.twofifty.assertj.error.ShouldHaveProperty.shouldHaveText;
import static dev.twofifty.assertj.error.ShouldHaveRawContent.shouldHaveRawContent;
import static dev.twofifty.assertj.error.ShouldHaveSender.shouldHaveSender;
import static dev.twofifty.assertj.error.ShouldNotHaveHeader.shouldNotHaveHeader;

import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.ParsedMessage;
import dev.twofifty.journal.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one received message: its envelope, its headers, its bodies and attachments as
 * parsed with Jakarta Mail, and its raw content byte for byte.
 *
 * <pre>{@code
 * assertThat(smtp).messageTo("bob@example.com")
 *         .hasEnvelopeSender("ann@example.com")
 *         .hasSubject("Your invoice")
 *         .hasTextBodyContaining("Dear Bob", "Total: 12.00 EUR")
 *         .hasAttachmentNamed("invoice.pdf");
 * }</pre>
 *
 * <p>Addresses are compared as SMTP compares mailboxes: the local part exactly, the domain ignoring
 * case. Header addresses are compared bare, without display names.
 */
public class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {

    /**
     * Creates an assert on a message; {@link SmtpAssertions#assertThat(ReceivedMessage)} is the usual way.
     *
     * @param actual the message
     */
    public ReceivedMessageAssert(ReceivedMessage actual) {
        super(actual, ReceivedMessageAssert.class);
    }

    /**
     * Verifies the envelope sender (the reverse-path of MAIL FROM).
     *
     * @param sender the sender, {@code ""} for the null sender {@code <>}
     * @return this assert
     */
    public ReceivedMessageAssert hasEnvelopeSender(String sender) {
        isNotNull();
        Objects.requireNonNull(sender, "sender");
        String actualSender = actual.envelope().sender();
        if (!Addresses.same(actualSender, sender)) {
            throw assertionError(shouldHaveSender(actual, sender, actualSender));
        }
        return myself;
    }

    /**
     * Verifies the accepted envelope recipients: exactly these, in any order.
     *
     * @param addresses the recipients
     * @return this assert
     */
    public ReceivedMessageAssert hasEnvelopeRecipients(String... addresses) {
        isNotNull();
        List<String> recipients = actual.envelope().recipientAddresses();
        if (!Addresses.sameInAnyOrder(recipients, List.of(addresses))) {
            throw assertionError(shouldHaveAddresses(actual, "envelope recipients", List.of(addresses), recipients));
        }
        return myself;
    }

    /**
     * Verifies that this address is among the accepted envelope recipients.
     *
     * @param address the recipient
     * @return this assert
     */
    public ReceivedMessageAssert hasEnvelopeRecipient(String address) {
        isNotNull();
        Objects.requireNonNull(address, "address");
        List<String> recipients = actual.envelope().recipientAddresses();
        if (!Addresses.contains(recipients, address)) {
            throw assertionError(shouldContainAddress(actual, "envelope recipients", address, recipients));
        }
        return myself;
    }

    /**
     * Verifies that the From header names this address (the bare address, without display name).
     *
     * @param address the address, for example {@code ann@example.com}
     * @return this assert
     */
    public ReceivedMessageAssert hasFromHeader(String address) {
        isNotNull();
        Objects.requireNonNull(address, "address");
        List<String> from = parsed().from();
        if (!Addresses.contains(Addresses.bare(from), address)) {
            throw assertionError(shouldContainAddress(actual, "From addresses", address, from));
        }
        return myself;
    }

    /**
     * Verifies the addresses of the To header: exactly these bare addresses, in any order.
     *
     * @param addresses the addresses
     * @return this assert
     */
    public ReceivedMessageAssert hasToHeader(String... addresses) {
        return hasHeaderAddresses("To header addresses", parsed().to(), addresses);
    }

    /**
     * Verifies the addresses of the Cc header: exactly these bare addresses, in any order.
     *
     * @param addresses the addresses
     * @return this assert
     */
    public ReceivedMessageAssert hasCcHeader(String... addresses) {
        return hasHeaderAddresses("Cc header addresses", parsed().cc(), addresses);
    }

    /**
     * Verifies the blind (Bcc) recipients: exactly these envelope recipients, in any order, are not
     * named by the To or Cc header ({@link ReceivedMessage#blindRecipients()}).
     *
     * @param addresses the blind recipients
     * @return this assert
     */
    public ReceivedMessageAssert hasBlindRecipients(String... addresses) {
        isNotNull();
        List<String> blind = actual.blindRecipients();
        if (!Addresses.sameInAnyOrder(blind, List.of(addresses))) {
            throw assertionError(shouldHaveAddresses(actual, "blind (Bcc) recipients", List.of(addresses), blind));
        }
        return myself;
    }

    /**
     * Verifies that every envelope recipient is named by the To or Cc header.
     *
     * @return this assert
     */
    public ReceivedMessageAssert hasNoBlindRecipients() {
        isNotNull();
        List<String> blind = actual.blindRecipients();
        if (!blind.isEmpty()) {
            throw assertionError(shouldHaveNoBlindRecipients(actual, blind, parsed().headerRecipients()));
        }
        return myself;
    }

    /**
     * Verifies the subject, with RFC 2047 encoded words decoded.
     *
     * @param subject the expected subject
     * @return this assert
     */
    public ReceivedMessageAssert hasSubject(String subject) {
        isNotNull();
        Objects.requireNonNull(subject, "subject");
        Optional<String> actualSubject = parsed().subject();
        if (!actualSubject.orElse("").equals(subject)) {
            throw assertionError(shouldHave(actual, "subject", subject, actualSubject));
        }
        return myself;
    }

    /**
     * Verifies that the decoded subject contains this text.
     *
     * @param text the text
     * @return this assert
     */
    public ReceivedMessageAssert hasSubjectContaining(String text) {
        isNotNull();
        Objects.requireNonNull(text, "text");
        Optional<String> actualSubject = parsed().subject();
        if (!actualSubject.orElse("").contains(text)) {
            throw assertionError(shouldHave(actual, "a subject containing", text, actualSubject));
        }
        return myself;
    }

    /**
     * Verifies that the message has a header with this name (case-insensitive).
     *
     * @param name the header name
     * @return this assert
     */
    public ReceivedMessageAssert hasHeader(String name) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        if (parsed().header(name).isEmpty()) {
            throw assertionError(shouldHaveHeader(actual, name, headerNames()));
        }
        return myself;
    }

    /**
     * Verifies that a header with this name has exactly this value (unfolded, not decoded).
     *
     * @param name the header name (case-insensitive)
     * @param value the value
     * @return this assert
     */
    public ReceivedMessageAssert hasHeader(String name, String value) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        List<String> values = parsed().headers(name);
        if (!values.contains(value)) {
            throw assertionError(shouldHaveHeaderValue(actual, name, value, values, headerNames()));
        }
        return myself;
    }

    /**
     * Verifies that the value of a header with this name (unfolded, not decoded) matches the
     * regular expression in full.
     *
     * @param name the header name (case-insensitive)
     * @param regex the regular expression
     * @return this assert
     */
    public ReceivedMessageAssert hasHeaderMatching(String name, String regex) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        Pattern pattern = Pattern.compile(regex);
        List<String> values = parsed().headers(name);
        if (values.stream().noneMatch(value -> pattern.matcher(value).matches())) {
            throw assertionError(shouldHaveHeaderMatching(actual, name, regex, values, headerNames()));
        }
        return myself;
    }

    /**
     * Verifies that the message has no header with this name (case-insensitive).
     *
     * @param name the header name
     * @return this assert
     */
    public ReceivedMessageAssert doesNotHaveHeader(String name) {
        isNotNull();
        Objects.requireNonNull(name, "name");
        List<String> values = parsed().headers(name);
        if (!values.isEmpty()) {
            throw assertionError(shouldNotHaveHeader(actual, name, values));
        }
        return myself;
    }

    /**
     * Verifies the decoded text (text/plain) body exactly, ignoring one trailing CRLF on either side.
     * Line ends in the body are CRLF as sent. The failure shows CR and LF as {@code \r} and {@code \n}.
     *
     * @param text the expected body
     * @return this assert
     */
    public ReceivedMessageAssert hasTextBody(String text) {
        isNotNull();
        Objects.requireNonNull(text, "text");
        Optional<String> body = parsed().textBody();
        if (body.map(Texts::withoutFinalCrlf)
                .filter(Texts.withoutFinalCrlf(text)::equals)
                .isEmpty()) {
            throw assertionError(shouldHaveText(actual, "text body", text, body));
        }
        return myself;
    }

    /**
     * Verifies that the decoded text body contains every one of these strings.
     *
     * @param values the strings
     * @return this assert
     */
    public ReceivedMessageAssert hasTextBodyContaining(String... values) {
        isNotNull();
        return hasBodyContaining("text", parsed().textBody(), values);
    }

    /**
     * Verifies that the regular expression is found in the decoded text body (as {@link
     * java.util.regex.Matcher#find()} does; use {@code (?s)} to let {@code .} match line ends).
     *
     * @param regex the regular expression
     * @return this assert
     */
    public ReceivedMessageAssert hasTextBodyMatching(String regex) {
        isNotNull();
        return hasBodyMatching("text", parsed().textBody(), regex);
    }

    /**
     * Verifies that the decoded HTML (text/html) body contains every one of these strings.
     *
     * @param values the strings
     * @return this assert
     */
    public ReceivedMessageAssert hasHtmlBodyContaining(String... values) {
        isNotNull();
        return hasBodyContaining("HTML", parsed().htmlBody(), values);
    }

    /**
     * Verifies that the regular expression is found in the decoded HTML body.
     *
     * @param regex the regular expression
     * @return this assert
     */
    public ReceivedMessageAssert hasHtmlBodyMatching(String regex) {
        isNotNull();
        return hasBodyMatching("HTML", parsed().htmlBody(), regex);
    }

    /**
     * Verifies that the message has no HTML body.
     *
     * @return this assert
     */
    public ReceivedMessageAssert hasNoHtmlBody() {
        isNotNull();
        Optional<String> html = parsed().htmlBody();
        if (html.isPresent()) {
            throw assertionError(shouldHaveNoHtmlBody(actual, html.get()));
        }
        return myself;
    }

    /**
     * Verifies the number of attachments: MIME leaf parts other than the text and HTML bodies,
     * inline resources included.
     *
     * @param count the expected number
     * @return this assert
     */
    public ReceivedMessageAssert hasAttachments(int count) {
        isNotNull();
        List<Attachment> attachments = parsed().attachments();
        if (attachments.size() != count) {
            throw assertionError(shouldHaveAttachments(actual, count, attachments));
        }
        return myself;
    }

    /**
     * Verifies that an attachment has this decoded file name.
     *
     * @param fileName the file name
     * @return this assert
     */
    public ReceivedMessageAssert hasAttachmentNamed(String fileName) {
        attachmentNamed(fileName);
        return myself;
    }

    /**
     * Navigates to the attachment at this index.
     *
     * @param index the 0-based index
     * @return an assert on the attachment
     */
    public AttachmentAssert attachment(int index) {
        isNotNull();
        List<Attachment> attachments = parsed().attachments();
        if (index < 0 || index >= attachments.size()) {
            throw assertionError(shouldHaveAttachmentAt(actual, index, attachments));
        }
        return toAssertForProxy(extracting(ignored -> attachments.get(index), AttachmentAssert::new));
    }

    /**
     * Navigates to the first attachment with this decoded file name.
     *
     * @param fileName the file name
     * @return an assert on the attachment
     */
    public AttachmentAssert attachment(String fileName) {
        Attachment attachment = attachmentNamed(fileName);
        return toAssertForProxy(extracting(ignored -> attachment, AttachmentAssert::new));
    }

    /**
     * Verifies the top-level content type, ignoring case and any parameters given.
     *
     * @param contentType for example {@code multipart/mixed}
     * @return this assert
     */
    public ReceivedMessageAssert hasContentType(String contentType) {
        isNotNull();
        String expected = Texts.baseType(contentType);
        if (!parsed().contentType().equalsIgnoreCase(expected)) {
            throw assertionError(shouldHave(actual, "content type", expected, parsed().contentType()));
        }
        return myself;
    }

    /**
     * Verifies the charset of the text body (or of the HTML body when there is no text body), ignoring case.
     *
     * @param charset for example {@code UTF-8}
     * @return this assert
     */
    public ReceivedMessageAssert hasCharset(String charset) {
        isNotNull();
        Objects.requireNonNull(charset, "charset");
        Optional<String> actualCharset = parsed().charset();
        if (actualCharset.filter(charset::equalsIgnoreCase).isEmpty()) {
            throw assertionError(shouldHave(actual, "body charset", charset, actualCharset));
        }
        return myself;
    }

    /**
     * Verifies the Content-Transfer-Encoding of the text body (or of the HTML body when there is no
     * text body), ignoring case.
     *
     * @param encoding for example {@code quoted-printable}
     * @return this assert
     */
    public ReceivedMessageAssert hasTransferEncoding(String encoding) {
        isNotNull();
        Objects.requireNonNull(encoding, "encoding");
        Optional<String> actualEncoding = parsed().transferEncoding();
        if (actualEncoding.filter(encoding::equalsIgnoreCase).isEmpty()) {
            throw assertionError(shouldHave(actual, "body transfer encoding", encoding, actualEncoding));
        }
        return myself;
    }

    /**
     * Verifies the size of the raw content in octets (after dot-unstuffing).
     *
     * @param octets the expected size
     * @return this assert
     */
    public ReceivedMessageAssert hasSize(int octets) {
        isNotNull();
        if (actual.size() != octets) {
            throw assertionError(shouldHave(actual, "size in octets", octets, actual.size()));
        }
        return myself;
    }

    /**
     * Verifies the raw content byte for byte, against text encoded as UTF-8. The failure shows the
     * first line that differs, with CR and LF made visible.
     *
     * @param content the expected content, for example {@code "Subject: Hi\r\n\r\nHello\r\n"}
     * @return this assert
     */
    public ReceivedMessageAssert hasRawContent(String content) {
        Objects.requireNonNull(content, "content");
        return hasRawContent(content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies the raw content byte for byte (after dot-unstuffing, without the final {@code .CRLF}).
     *
     * @param content the expected content
     * @return this assert
     */
    public ReceivedMessageAssert hasRawContent(byte[] content) {
        isNotNull();
        Objects.requireNonNull(content, "content");
        if (!actual.rawEquals(content)) {
            throw assertionError(shouldHaveRawContent(actual, content, actual.raw()));
        }
        return myself;
    }

    /**
     * Verifies that each string is a complete line of the raw content (lines split at CRLF). This is
     * the way to check that dot-stuffing survived: a line the client sent as {@code ..leading dot}
     * must arrive as {@code .leading dot}.
     *
     * @param lines the lines, without CRLF
     * @return this assert
     */
    public ReceivedMessageAssert hasLines(String... lines) {
        isNotNull();
        List<String> rawLines = Texts.crlfLines(actual.rawText());
        List<String> missing =
                Arrays.stream(lines).filter(line -> !rawLines.contains(line)).toList();
        if (!missing.isEmpty()) {
            throw assertionError(shouldHaveLines(actual, List.of(lines), missing, rawLines));
        }
        return myself;
    }

    /**
     * Verifies that the client sent the message with the {@code SMTPUTF8} MAIL parameter (RFC 6531).
     *
     * @return this assert
     */
    public ReceivedMessageAssert usedSmtpUtf8() {
        isNotNull();
        if (!actual.envelope().smtpUtf8()) {
            throw assertionError(
                    shouldHaveUsedSmtpUtf8(actual, actual.envelope().mailParameters()));
        }
        return myself;
    }

    /**
     * Navigates to the envelope: sender, recipients and their parameters.
     *
     * @return an assert on the envelope
     */
    public EnvelopeAssert envelope() {
        isNotNull();
        return toAssertForProxy(extracting(ReceivedMessage::envelope, EnvelopeAssert::new));
    }

    /**
     * Returns the assert a navigation method made. AssertJ's soft assertions intercept methods of
     * this name to make the returned assert collect its failures too; it does nothing otherwise.
     *
     * @param navigated the assert on the navigated-to value
     * @param <A> its type
     * @return the same assert
     */
    protected <A extends AbstractAssert<?, ?>> A toAssertForProxy(A navigated) {
        return navigated;
    }

    private ParsedMessage parsed() {
        isNotNull();
        return actual.parsed();
    }

    private ReceivedMessageAssert hasHeaderAddresses(String field, List<String> header, String... addresses) {
        isNotNull();
        if (!Addresses.sameInAnyOrder(Addresses.bare(header), List.of(addresses))) {
            throw assertionError(shouldHaveAddresses(actual, field, List.of(addresses), header));
        }
        return myself;
    }

    private ReceivedMessageAssert hasBodyContaining(String part, Optional<String> body, String... values) {
        List<String> missing = Arrays.stream(values)
                .filter(value -> !body.orElse("").contains(value))
                .toList();
        if (body.isEmpty() || !missing.isEmpty()) {
            throw assertionError(
                    shouldHaveBodyContaining(actual, part, List.of(values), missing, body, parsed().contentType()));
        }
        return myself;
    }

    private ReceivedMessageAssert hasBodyMatching(String part, Optional<String> body, String regex) {
        Pattern pattern = Pattern.compile(regex);
        if (body.filter(text -> pattern.matcher(text).find()).isEmpty()) {
            throw assertionError(shouldHaveBodyMatching(actual, part, regex, body, parsed().contentType()));
        }
        return myself;
    }

    private Attachment attachmentNamed(String fileName) {
        isNotNull();
        Objects.requireNonNull(fileName, "fileName");
        List<Attachment> attachments = parsed().attachments();
        return attachments.stream()
                .filter(attachment ->
                        attachment.fileName().filter(fileName::equals).isPresent())
                .findFirst()
                .orElseThrow(() -> assertionError(shouldHaveAttachmentNamed(actual, fileName, attachments)));
    }

    private List<String> headerNames() {
        return parsed().headers().stream().map(ParsedMessage.Header::name).toList();
    }
}
