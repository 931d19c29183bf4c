package dev.twofifty.samples.junit;

import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The application code of docs/junit.md's builder example: one mail per subscriber, refused ones skipped. */
final class Newsletter {

    private final Mailer mailer;

    Newsletter(String host, int port) {
        this.mailer = new Mailer(host, port, 1, Duration.ofSeconds(5));
    }

    /** Sends the newsletter to each address and returns the addresses the server refused. */
    List<String> sendTo(List<String> subscribers) {
        List<String> refused = new ArrayList<>();
        for (String subscriber : subscribers) {
            try {
                mailer.send(Email.of("news@shop.example", subscriber, "What is new", "Spring is here."));
            } catch (MailDeliveryException e) {
                refused.add(subscriber);
            }
        }
        return refused;
    }
}
