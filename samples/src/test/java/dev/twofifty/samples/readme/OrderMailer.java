package dev.twofifty.samples.readme;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * The application code the README's tutorial tests: sends an order confirmation with Angus Mail and
 * tries again, up to three times, when the server answers with a temporary (4xx) failure.
 */
final class OrderMailer {

    private final Session session;

    OrderMailer(String host, int port) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        this.session = Session.getInstance(properties);
    }

    void sendConfirmation(String customer, int order) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("shop@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(customer));
        message.setSubject("Your order " + order);
        message.setText("Thank you for order " + order + ".");
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.send(message);
                return;
            } catch (MessagingException e) {
                boolean temporary = e.getMessage() != null && e.getMessage().startsWith("4");
                if (!temporary || attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
