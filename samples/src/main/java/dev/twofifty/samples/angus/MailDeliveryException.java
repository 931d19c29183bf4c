package dev.twofifty.samples.angus;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * A mail that could not be delivered to the SMTP server, with the reply code that decided it:
 * {@code 4xx} and lost connections are worth another try, {@code 5xx} are not.
 */
public final class MailDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The code Angus puts in the message when the greeting is not {@code 220}. */
    private static final Pattern GREETING_CODE = Pattern.compile("response: (\\d{3})");

    private static final Pattern LEADING_CODE = Pattern.compile("(\\d{3})[ -]");

    private final int replyCode;

    /**
     * @param replyCode the SMTP reply code, or -1 when there was no reply (refused, dropped, timed out)
     * @param cause what Angus Mail threw
     */
    public MailDeliveryException(int replyCode, MessagingException cause) {
        super(describe(replyCode) + ": " + cause.getMessage(), cause);
        this.replyCode = replyCode;
    }

    /** Classifies what Angus Mail threw by the SMTP reply behind it. */
    public static MailDeliveryException from(MessagingException failure) {
        return new MailDeliveryException(replyCode(failure), failure);
    }

    /** The SMTP reply code, or -1 when the connection failed without one. */
    public int replyCode() {
        return replyCode;
    }

    /** Whether trying again later may work: a {@code 4xx} reply, or no reply at all. */
    public boolean isTransient() {
        return replyCode < 500;
    }

    private static int replyCode(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException auth) {
            Matcher reply = LEADING_CODE.matcher(String.valueOf(auth.getMessage()));
            return reply.lookingAt() ? Integer.parseInt(reply.group(1)) : 535; // the reply to AUTH
        }
        for (Exception cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException rcpt) {
                return rcpt.getReturnCode(); // a refused RCPT
            }
            if (cause instanceof SMTPSendFailedException send) {
                return send.getReturnCode(); // MAIL, DATA or the end of data; -1 when the connection dropped
            }
        }
        Matcher greeting = GREETING_CODE.matcher(String.valueOf(failure.getMessage()));
        return greeting.find() ? Integer.parseInt(greeting.group(1)) : -1;
    }

    private static Exception next(Exception cause) {
        return cause instanceof MessagingException messaging ? messaging.getNextException() : null;
    }

    private static String describe(int code) {
        return code < 0 ? "No reply from the SMTP server" : "The SMTP server answered " + code;
    }
}
