package dev.twofifty.standalone;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Sends mail with Angus Mail the way an application would, retrying on temporary (4xx) failures. */
final class AngusSender {

    /** How often a message is tried before a temporary failure is given up on. */
    static final int MAX_ATTEMPTS = 5;

    private AngusSender() {}

    /**
     * Sends one text message, trying again right away after a 4xx reply.
     *
     * @return the number of attempts it took
     * @throws MessagingException for a permanent failure, or a temporary one on the last attempt
     */
    static int sendWithRetries(String host, int port, String from, String to, String subject, String text)
            throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.send(message);
                return attempt;
            } catch (MessagingException e) {
                if (attempt >= MAX_ATTEMPTS || returnCode(e) / 100 != 4) {
                    throw e;
                }
            }
        }
    }

    /** The SMTP reply code of a failure, or 0 when it has none. */
    static int returnCode(MessagingException failure) {
        Exception current = failure;
        while (current != null) {
            if (current instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
            if (current instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (current instanceof SMTPSenderFailedException sender) {
                return sender.getReturnCode();
            }
            current = current instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        return 0;
    }
}
