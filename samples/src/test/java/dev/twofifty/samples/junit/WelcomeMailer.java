package dev.twofifty.samples.junit;

import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;

/** The application code of docs/junit.md's first example: a welcome mail, retried on temporary failures. */
final class WelcomeMailer {

    private final Mailer mailer;

    WelcomeMailer(String host, int port) {
        this.mailer = new Mailer(host, port); // up to three attempts
    }

    void send(String address) throws MailDeliveryException {
        mailer.send(Email.of("hello@shop.example", address, "Welcome!", "Your account is ready."));
    }
}
