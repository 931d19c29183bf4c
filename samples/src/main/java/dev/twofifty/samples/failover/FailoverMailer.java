package dev.twofifty.samples.failover;

import dev.twofifty.samples.angus.Email;
import dev.twofifty.samples.angus.MailDeliveryException;
import dev.twofifty.samples.angus.Mailer;

/**
 * Sends mail through SMTP, and through an HTTP e-mail API when the SMTP server cannot take it right
 * now: a {@code 421} or other {@code 4xx} reply, a dropped connection, a server that does not answer
 * in time. A permanent refusal ({@code 5xx}: no such user, content rejected) is not retried elsewhere:
 * another route would not change the answer.
 *
 * <pre>{@code
 * FailoverMailer mailer = new FailoverMailer(
 *         new Mailer("smtp.example.com", 587, 1, Duration.ofSeconds(10)),   // one attempt, then fail over
 *         new HttpMailApi(URI.create("https://api.mail.example"), apiKey, Duration.ofSeconds(10)));
 * FailoverMailer.Route route = mailer.send(email);
 * }</pre>
 */
public final class FailoverMailer {

    /** Which way a mail went. */
    public enum Route {
        /** Accepted by the SMTP server. */
        SMTP,
        /** Accepted by the HTTP e-mail API after SMTP failed temporarily. */
        HTTP_API
    }

    private final Mailer smtp;
    private final HttpMailApi api;

    public FailoverMailer(Mailer smtp, HttpMailApi api) {
        this.smtp = smtp;
        this.api = api;
    }

    /**
     * Sends the mail, failing over to the API when SMTP fails temporarily.
     *
     * @return the route the mail took
     * @throws MailDeliveryException when the SMTP server refused the mail for good ({@code 5xx})
     * @throws HttpMailApiException when SMTP failed temporarily and the API failed too; the SMTP failure is
     *     attached as a suppressed exception
     */
    public Route send(Email email) throws MailDeliveryException, HttpMailApiException {
        try {
            smtp.send(email);
            return Route.SMTP;
        } catch (MailDeliveryException smtpFailure) {
            if (!smtpFailure.isTransient()) {
                throw smtpFailure;
            }
            try {
                api.send(email);
                return Route.HTTP_API;
            } catch (HttpMailApiException apiFailure) {
                apiFailure.addSuppressed(smtpFailure);
                throw apiFailure;
            }
        }
    }
}
