package dev.twofifty.internal.journal;

import dev.twofifty.journal.Attachment;
import dev.twofifty.journal.ParsedMessage;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/** Parses raw message content into a {@link ParsedMessage} with Jakarta Mail; never throws. */
public final class MimeParser {

    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeParser() {}

    /** Parses a message; a message that cannot be fully parsed keeps what could be read and says why. */
    public static ParsedMessage parse(byte[] raw) {
        Collector collector = new Collector();
        String error = null;
        String contentType = "text/plain";
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            collector.headers(message);
            collector.subject = Optional.ofNullable(message.getSubject());
            collector.from = addresses(message.getFrom());
            collector.to = addresses(message.getRecipients(Message.RecipientType.TO));
            collector.cc = addresses(message.getRecipients(Message.RecipientType.CC));
            collector.bcc = addresses(message.getRecipients(Message.RecipientType.BCC));
            collector.replyTo = addresses(message.getHeader("Reply-To") == null ? null : message.getReplyTo());
            collector.messageId = Optional.ofNullable(message.getMessageID());
            contentType = baseType(message.getContentType());
            collector.walk(message);
        } catch (MessagingException | IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new ParsedMessage(
                collector.headers,
                collector.subject,
                collector.from,
                collector.to,
                collector.cc,
                collector.bcc,
                collector.replyTo,
                collector.messageId,
                Optional.ofNullable(collector.text),
                Optional.ofNullable(collector.html),
                collector.attachments,
                contentType,
                Optional.ofNullable(collector.charset),
                Optional.ofNullable(collector.transferEncoding),
                Optional.ofNullable(error));
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>(addresses.length);
        for (Address address : addresses) {
            result.add(decode(address.toString()));
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (java.io.UnsupportedEncodingException e) {
            return text;
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "text/plain";
        }
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                    .trim()
                    .toLowerCase(Locale.ROOT);
        }
    }

    private static final class Collector {
        List<ParsedMessage.Header> headers = new ArrayList<>();
        Optional<String> subject = Optional.empty();
        List<String> from = List.of();
        List<String> to = List.of();
        List<String> cc = List.of();
        List<String> bcc = List.of();
        List<String> replyTo = List.of();
        Optional<String> messageId = Optional.empty();
        String text;
        String html;
        String charset;
        String transferEncoding;
        List<Attachment> attachments = new ArrayList<>();

        void headers(MimeMessage message) throws MessagingException {
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                Header header = all.nextElement();
                String value = header.getValue() == null ? "" : header.getValue();
                headers.add(new ParsedMessage.Header(header.getName(), value.replaceAll("\r?\n[ \t]", " ")));
            }
        }

        void walk(Part part) throws MessagingException, IOException {
            String type = baseType(part.getContentType());
            String disposition =
                    part.getDisposition() == null ? "" : part.getDisposition().toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        walk(child);
                    }
                    return;
                }
            }
            boolean attachment = disposition.equals(Part.ATTACHMENT) || part.getFileName() != null;
            if (!attachment && type.equals("text/plain") && text == null) {
                text = readText(part);
                charset = charsetOf(part).orElse(null);
                transferEncoding = encodingOf(part);
                return;
            }
            if (!attachment && type.equals("text/html") && html == null) {
                html = readText(part);
                if (text == null) {
                    charset = charsetOf(part).orElse(null);
                    transferEncoding = encodingOf(part);
                }
                return;
            }
            String fileName = part.getFileName() == null ? null : decode(part.getFileName());
            String contentId = part instanceof jakarta.mail.internet.MimePart mime ? mime.getContentID() : null;
            if (contentId != null && contentId.startsWith("<") && contentId.endsWith(">")) {
                contentId = contentId.substring(1, contentId.length() - 1);
            }
            attachments.add(new Attachment(
                    Optional.ofNullable(fileName), type, disposition, Optional.ofNullable(contentId), readBytes(part)));
        }

        private static String readText(Part part) throws MessagingException, IOException {
            Charset charset = charsetOf(part).flatMap(MimeParser::lookupCharset).orElse(StandardCharsets.US_ASCII);
            return new String(readBytes(part), charset);
        }

        private static byte[] readBytes(Part part) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }

        private static Optional<String> charsetOf(Part part) throws MessagingException {
            try {
                return Optional.ofNullable(new ContentType(part.getContentType()).getParameter("charset"));
            } catch (jakarta.mail.internet.ParseException e) {
                return Optional.empty();
            }
        }

        private static String encodingOf(Part part) throws MessagingException {
            String[] values = part.getHeader("Content-Transfer-Encoding");
            return values == null || values.length == 0
                    ? null
                    : values[0].trim().toLowerCase(Locale.ROOT);
        }
    }

    private static Optional<Charset> lookupCharset(String name) {
        try {
            return Optional.of(Charset.forName(MimeUtility.javaCharset(name)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
