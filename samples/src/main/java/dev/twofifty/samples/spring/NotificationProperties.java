package dev.twofifty.samples.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's own settings, {@code notifications.*} in {@code application.properties}.
 *
 * @param from the sender of every notification
 * @param retry how temporary SMTP failures are retried
 */
@ConfigurationProperties("notifications")
public record NotificationProperties(
        @DefaultValue("hello@shop.example") String from,
        @DefaultValue Retry retry) {

    /**
     * How temporary failures ({@code 4xx} replies, lost connections) are retried.
     *
     * @param maxAttempts attempts per mail, the first one included
     * @param backoff the pause between two attempts
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("2s") Duration backoff) {}
}
