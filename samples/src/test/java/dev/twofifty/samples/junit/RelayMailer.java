package dev.twofifty.samples.junit;

import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;

/** The application code of docs/junit.md's two-server example: a primary relay and a fallback. */
final class RelayMailer {

    private final Mailer primary;
    private final Mailer fallback;

    RelayMailer(int primaryPort, int fallbackPort) {
        this.primary = new Mailer("127.0.0.1", primaryPort, 1, Duration.ofSeconds(5));
        this.fallback = new Mailer("127.0.0.1", fallbackPort, 1, Duration.ofSeconds(5));
    }

    void send(String address) throws MailDeliveryException {
        Email email = Email.of("shop@example.com", address, "Your order", "Thank you!");
        try {
            primary.send(email);
        } catch (MailDeliveryException e) {
            if (!e.isTransient()) {
                throw e;
            }
            fallback.send(email);
        }
    }
}
