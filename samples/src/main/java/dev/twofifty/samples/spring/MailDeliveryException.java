package dev.twofifty.samples.spring;

import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * A mail the SMTP server did not take, with the reply code that decided it. {@link Transient} failures
 * ({@code 4xx} replies, lost connections) are retried; {@link Permanent} ones ({@code 5xx}) are not.
 */
public abstract sealed class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern GREETING_CODE = Pattern.compile("response: (\\d{3})");

    private final int replyCode;

    private MailDeliveryException(int replyCode, MailException cause) {
        super(
                (replyCode < 0 ? "No reply from the SMTP server" : "The SMTP server answered " + replyCode) + ": "
                        + cause.getMessage(),
                cause);
        this.replyCode = replyCode;
    }

    /** The SMTP reply code, or -1 when the connection failed without one. */
    public int replyCode() {
        return replyCode;
    }

    /** A {@code 4xx} reply or a lost connection: trying again later may work. */
    public static final class Transient extends MailDeliveryException {
        private static final long serialVersionUID = 1L;

        Transient(int replyCode, MailException cause) {
            super(replyCode, cause);
        }
    }

    /** A {@code 5xx} reply: trying again will not help. */
    public static final class Permanent extends MailDeliveryException {
        private static final long serialVersionUID = 1L;

        Permanent(int replyCode, MailException cause) {
            super(replyCode, cause);
        }
    }

    /** Classifies what Spring's {@code JavaMailSender} threw by the SMTP reply behind it. */
    public static MailDeliveryException from(MailException failure) {
        int code = replyCode(failure);
        return code >= 500 ? new Permanent(code, failure) : new Transient(code, failure);
    }

    private static int replyCode(MailException failure) {
        Exception[] perMessage = failure instanceof MailSendException send ? send.getMessageExceptions() : null;
        Throwable cause = perMessage != null && perMessage.length > 0 ? perMessage[0] : failure.getCause();
        for (Exception next = cause instanceof Exception e ? e : null; next != null; next = next(next)) {
            if (next instanceof SMTPAddressFailedException rcpt) {
                return rcpt.getReturnCode(); // a refused RCPT
            }
            if (next instanceof SMTPSendFailedException send) {
                return send.getReturnCode(); // MAIL, DATA or the end of data; -1 when the connection dropped
            }
        }
        Matcher greeting = GREETING_CODE.matcher(String.valueOf(cause == null ? null : cause.getMessage()));
        return greeting.find() ? Integer.parseInt(greeting.group(1)) : -1;
    }

    private static Exception next(Exception cause) {
        return cause instanceof MessagingException messaging ? messaging.getNextException() : null;
    }
}
