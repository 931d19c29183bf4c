package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.Endpoint;
import dev.twofifty.conformance.MailRequest;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * What the adapters of libraries built on Jakarta Mail (Spring, Simple Java Mail, Commons Email) share:
 * the request's envelope on a message, and the session properties that only say where to connect and
 * how long to wait, so that every other setting stays the library's default.
 */
final class JakartaMailSupport {

    /**
     * The EHLO argument every Jakarta Mail based adapter gives, so that verdicts do not depend on the
     * name of the machine that runs them (Angus would send the local canonical host name).
     */
    static final String EHLO_NAME = "client.test";

    private JakartaMailSupport() {}

    /**
     * The session properties for the endpoint: timeouts, trust of the test server's certificate (for
     * STARTTLS and implicit TLS), the EHLO name, and UTF-8 when the envelope needs it.
     *
     * @param withWriteTimeout whether the client can be given a write timeout at all
     */
    static Properties endpointProperties(
            Endpoint endpoint, MailRequest request, String protocol, boolean withWriteTimeout) {
        String prefix = "mail." + protocol + ".";
        String timeout = String.valueOf(endpoint.timeout().toMillis());
        Properties properties = new Properties();
        properties.put(prefix + "connectiontimeout", timeout);
        properties.put(prefix + "timeout", timeout);
        if (withWriteTimeout) {
            properties.put(prefix + "writetimeout", timeout);
        }
        properties.put(prefix + "ssl.socketFactory", endpoint.trust().getSocketFactory());
        properties.put(prefix + "localhost", EHLO_NAME);
        if (needsUtf8(request)) {
            properties.put("mail.mime.allowutf8", "true");
        }
        return properties;
    }

    /** The message parsed from the request's bytes, with the request's envelope sender, recipients and DSN. */
    static SMTPMessage envelopeMessage(Session session, byte[] raw, MailRequest request) throws MessagingException {
        EnvelopeMessage message = new EnvelopeMessage(session, raw, recipients(request.to()));
        message.setEnvelopeFrom(request.from().isEmpty() ? "<>" : request.from());
        if (request.dsn() != null && request.dsn().notifyOn() != null) {
            message.setNotifyOptions(notifyOptions(request.dsn().notifyOn()));
        }
        return message;
    }

    static Address[] recipients(List<String> addresses) throws AddressException {
        Address[] recipients = new Address[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            recipients[i] = new InternetAddress(addresses.get(i), false);
        }
        return recipients;
    }

    static int notifyOptions(String notify) {
        if (notify.equalsIgnoreCase("NEVER")) {
            return SMTPMessage.NOTIFY_NEVER;
        }
        int options = 0;
        for (String value : notify.toUpperCase(Locale.ROOT).split(",")) {
            options |= switch (value.trim()) {
                case "SUCCESS" -> SMTPMessage.NOTIFY_SUCCESS;
                case "FAILURE" -> SMTPMessage.NOTIFY_FAILURE;
                case "DELAY" -> SMTPMessage.NOTIFY_DELAY;
                default -> 0;
            };
        }
        return options;
    }

    /** Whether an envelope address is not ASCII (RFC 6531). */
    static boolean needsUtf8(MailRequest request) {
        return !isAscii(request.from()) || request.to().stream().anyMatch(address -> !isAscii(address));
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /**
     * A message whose recipients are the request's envelope: Spring's {@code JavaMailSenderImpl}
     * sends to {@code getAllRecipients()}, which otherwise reads the To, Cc and Bcc headers.
     */
    private static final class EnvelopeMessage extends SMTPMessage {
        private final Address[] envelope;

        EnvelopeMessage(Session session, byte[] raw, Address[] envelope) throws MessagingException {
            super(session, new ByteArrayInputStream(raw));
            this.envelope = envelope.clone();
        }

        @Override
        public Address[] getAllRecipients() {
            return envelope.clone();
        }
    }
}
