package dev.twofifty.journal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The MIME view of a received message, parsed with Jakarta Mail: headers, decoded subject and
 * addresses, text and HTML bodies and attachments.
 *
 * @param headers every header field in order, values unfolded and not decoded
 * @param subject the subject with RFC 2047 encoded words decoded
 * @param from the From addresses, decoded (for example {@code Ann <ann@example.com>})
 * @param to the To addresses, decoded
 * @param cc the Cc addresses, decoded
 * @param bcc the Bcc addresses, decoded; normally empty because clients remove the Bcc header
 * @param replyTo the Reply-To addresses, decoded
 * @param messageIdHeader the Message-ID header value, if any
 * @param textBody the first text/plain part that is not an attachment, decoded to text
 * @param htmlBody the first text/html part that is not an attachment, decoded to text
 * @param attachments the other leaf parts, in order
 * @param contentType the top-level content type in lower case, without parameters, for example {@code multipart/mixed}
 * @param charset the charset of the text body, if it names one
 * @param transferEncoding the Content-Transfer-Encoding of the text body, if any
 * @param parseError why parsing failed, if it did; the other fields then hold what could be read
 */
public record ParsedMessage(
        List<Header> headers,
        Optional<String> subject,
        List<String> from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        List<String> replyTo,
        Optional<String> messageIdHeader,
        Optional<String> textBody,
        Optional<String> htmlBody,
        List<Attachment> attachments,
        String contentType,
        Optional<String> charset,
        Optional<String> transferEncoding,
        Optional<String> parseError) {

    public ParsedMessage {
        headers = List.copyOf(headers);
        Objects.requireNonNull(subject, "subject");
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        replyTo = List.copyOf(replyTo);
        Objects.requireNonNull(messageIdHeader, "messageIdHeader");
        Objects.requireNonNull(textBody, "textBody");
        Objects.requireNonNull(htmlBody, "htmlBody");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(transferEncoding, "transferEncoding");
        Objects.requireNonNull(parseError, "parseError");
    }

    /**
     * One header field.
     *
     * @param name the field name as sent
     * @param value the value, unfolded, not decoded
     */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The values of every header field with this name (case-insensitive), in order. */
    public List<String> headers(String name) {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .toList();
    }

    /** The value of the first header field with this name (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst();
    }

    /** The addresses of the To, Cc and Bcc headers together, bare (without display names), domains in lower case. */
    public List<String> headerRecipients() {
        return java.util.stream.Stream.of(to, cc, bcc)
                .flatMap(List::stream)
                .map(ParsedMessage::bareAddress)
                .toList();
    }

    static String bareAddress(String address) {
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        String bare = open >= 0 && close > open ? address.substring(open + 1, close) : address.trim();
        int at = bare.lastIndexOf('@');
        return at < 0 ? bare : bare.substring(0, at) + bare.substring(at).toLowerCase(Locale.ROOT);
    }
}
