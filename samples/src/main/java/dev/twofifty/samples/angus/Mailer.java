package dev.twofifty.samples.angus;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * Sends {@link Email}s with Jakarta Mail (Angus Mail), and tries again, a few times, when the server
 * answers with a temporary failure ({@code 4xx}) or the connection is lost. Permanent failures
 * ({@code 5xx}) are thrown at once.
 *
 * <pre>{@code
 * Mailer mailer = new Mailer("smtp.example.com", 587);
 * mailer.send(Email.of("shop@example.com", "ann@example.com", "Your order", "Thank you!"));
 * }</pre>
 */
public final class Mailer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final Session session;
    private final int maxAttempts;
    private final String user;
    private final String password;

    /** A mailer for this server that makes up to three attempts per mail, with 5-second timeouts. */
    public Mailer(String host, int port) {
        this(host, port, 3, Duration.ofSeconds(5));
    }

    /**
     * @param host the SMTP server
     * @param port its port
     * @param maxAttempts how many times to try a mail that fails temporarily (1 = no retry)
     * @param timeout the connect, read and write timeout of each attempt
     */
    public Mailer(String host, int port, int maxAttempts, Duration timeout) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
        this.session = Session.getInstance(properties);
        this.maxAttempts = maxAttempts;
        this.user = null;
        this.password = null;
    }

    private Mailer(Mailer mailer, String user, String password) {
        Properties properties = new Properties();
        properties.putAll(mailer.session.getProperties());
        properties.put("mail.smtp.auth", "true");
        this.session = Session.getInstance(properties);
        this.maxAttempts = mailer.maxAttempts;
        this.user = user;
        this.password = password;
    }

    /** A copy that authenticates (SMTP AUTH) with this user name and password. */
    public Mailer withCredentials(String user, String password) {
        return new Mailer(this, user, password);
    }

    /**
     * Sends the mail, trying again on temporary failures.
     *
     * @throws MailDeliveryException when the server refused it for good, or every attempt failed
     */
    public void send(Email email) throws MailDeliveryException {
        MimeMessage message;
        try {
            message = compose(email);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Cannot compose the e-mail: " + e.getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.send(message, InternetAddress.parse(String.join(",", email.allRecipients())), user, password);
                return;
            } catch (MessagingException e) {
                MailDeliveryException failure = MailDeliveryException.from(e);
                if (!failure.isTransient() || attempt == maxAttempts) {
                    throw failure;
                }
            }
        }
    }

    private MimeMessage compose(Email email) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(address(email.from()));
        for (String to : email.to()) {
            message.addRecipient(Message.RecipientType.TO, address(to));
        }
        for (String cc : email.cc()) {
            message.addRecipient(Message.RecipientType.CC, address(cc));
        }
        // Bcc recipients are only in the envelope: Transport.send above is given all recipients.
        message.setSubject(email.subject(), UTF_8);
        if (email.html() == null && email.attachments().isEmpty()) {
            message.setText(email.text(), UTF_8); // one text/plain part
            return message;
        }

        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), UTF_8);
        MimeMultipart alternative = null;
        if (email.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), UTF_8, "html");
            alternative = new MimeMultipart("alternative", text, html); // readers pick the best they can show
        }
        if (email.attachments().isEmpty()) {
            message.setContent(alternative);
            return message;
        }

        MimeBodyPart body = text;
        if (alternative != null) {
            body = new MimeBodyPart();
            body.setContent(alternative);
        }
        MimeMultipart mixed = new MimeMultipart("mixed", body);
        for (Email.Attachment attachment : email.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(
                    new DataHandler(new ByteArrayDataSource(attachment.content(), attachment.contentType())));
            part.setFileName(attachment.fileName()); // any Unicode name; Angus encodes it
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
        return message;
    }

    /** Parses an address; a display name is encoded (RFC 2047), which parsing alone does not do for non-ASCII names. */
    private static InternetAddress address(String text) throws MessagingException {
        InternetAddress address = new InternetAddress(text);
        if (address.getPersonal() != null) {
            try {
                address.setPersonal(address.getPersonal(), UTF_8);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e); // UTF-8 is always there
            }
        }
        return address;
    }
}
