package dev.twofifty.samples.spring;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends welcome mails. A temporary failure ({@code 4xx}, or a dropped connection) is retried with a
 * pause, as greylisting servers expect; a permanent one ({@code 5xx}, a hard bounce) is thrown at once.
 */
@Service
public class WelcomeMailService {

    private final JavaMailSender mailSender;
    private final NotificationProperties properties;
    private final RetryTemplate retry;

    public WelcomeMailService(JavaMailSender mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
        this.retry = RetryTemplate.builder()
                .maxAttempts(properties.retry().maxAttempts())
                .fixedBackoff(properties.retry().backoff())
                .retryOn(MailDeliveryException.Transient.class)
                .build();
    }

    /**
     * Sends the welcome mail.
     *
     * @throws MailDeliveryException.Permanent when the server refuses it for good
     * @throws MailDeliveryException.Transient when every attempt failed temporarily
     */
    public void sendWelcome(String address, String name) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(address);
        message.setSubject("Welcome, " + name + "!");
        message.setText("Hello " + name + ",\r\n\r\nyour account is ready.\r\n");
        retry.execute(attempt -> {
            try {
                mailSender.send(message);
                return null;
            } catch (MailException e) {
                throw MailDeliveryException.from(e);
            }
        });
    }
}
