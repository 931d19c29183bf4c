package dev.twofifty.conformance.adapters;

import dev.twofifty.conformance.Outcome;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Maps what Angus Mail throws to the outcome vocabulary (catalogue §3.2), unwrapping wrappers first,
 * so that the adapters of libraries built on Angus (Spring, Commons Email, Simple Java Mail) share it.
 */
public final class AngusOutcomes {

    private static final Pattern RESPONSE_CODE = Pattern.compile("response: ([245]\\d\\d)\\b");
    private static final Pattern REPLY_TEXT = Pattern.compile("([245]\\d\\d)[ -]");
    private static final Pattern CODE_IN_TEXT = Pattern.compile("\\b([245]\\d\\d)\\b");

    private AngusOutcomes() {}

    /**
     * Classifies a failure.
     *
     * @param failure what the client threw (possibly a wrapper)
     * @param lastReturnCode the transport's last reply code, or -1 when unknown
     */
    public static Outcome classify(Throwable failure, int lastReturnCode) {
        String detail = describe(failure);
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof IllegalArgumentException || cause instanceof AddressException) {
                return Outcome.localReject(detail);
            }
            if (cause instanceof AuthenticationFailedException) {
                int code = lastReturnCode > 0 ? lastReturnCode : codeIn(cause.getMessage());
                return Outcome.authFailed(code / 100 == 4, code, detail);
            }
            if (cause instanceof SMTPSendFailedException send) {
                return fromSendFailure(send, detail);
            }
            if (cause instanceof SendFailedException invalid && !(cause instanceof SMTPAddressFailedException)) {
                Outcome fromAddresses = fromInvalidAddresses(invalid, detail);
                if (fromAddresses != null) {
                    return fromAddresses;
                }
            }
            if (cause instanceof SSLException || isTlsMessage(cause.getMessage())) {
                return Outcome.tlsFailed(detail);
            }
        }
        String text = angusMessage(failure);
        if (text.contains("bad greeting") || text.contains("[EOF]")) {
            // The code is in the text; the last return code may already be the 221 to a QUIT sent since.
            int code = codeIn(text);
            code = code > 0 ? code : lastReturnCode;
            return code > 0 ? byClass(code, detail) : Outcome.transientFailure(0, detail);
        }
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof IOException io) {
                // A refused BDAT chunk comes as an IOException whose message is the server's reply.
                Matcher reply = REPLY_TEXT.matcher(String.valueOf(io.getMessage()));
                return reply.lookingAt()
                        ? byClass(Integer.parseInt(reply.group(1)), detail)
                        : Outcome.transientFailure(0, detail);
            }
        }
        if (lastReturnCode >= 400) {
            return byClass(lastReturnCode, detail);
        }
        int code = codeIn(text);
        return code >= 400 ? byClass(code, detail) : Outcome.unknown(detail);
    }

    /**
     * The message of the first Angus (Jakarta Mail) exception in the chain: wrappers such as Simple
     * Java Mail's {@code MailerException} or Commons Email's {@code EmailException} say only that
     * sending failed; the reply that decided it is in the exception they wrap.
     */
    private static String angusMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof MessagingException) {
                return String.valueOf(cause.getMessage());
            }
        }
        return String.valueOf(failure.getMessage());
    }

    private static Outcome fromSendFailure(SMTPSendFailedException send, String detail) {
        int code = send.getReturnCode();
        String command = String.valueOf(send.getCommand());
        Map<String, Integer> rejected = rejections(send);
        if (code == 250 && command.startsWith(".") || code == 250 && !rejected.isEmpty()) {
            List<String> accepted = new ArrayList<>();
            if (send.getValidSentAddresses() != null) {
                for (Address address : send.getValidSentAddresses()) {
                    accepted.add(address.toString());
                }
            }
            return Outcome.partial(accepted, rejected, detail);
        }
        if (code < 0) {
            return Outcome.transientFailure(0, detail);
        }
        return byClass(code, detail).withRejected(rejected);
    }

    private static Outcome fromInvalidAddresses(SendFailedException invalid, String detail) {
        Map<String, Integer> rejected = rejections(invalid);
        if (rejected.isEmpty()) {
            return null;
        }
        boolean anyTransient = rejected.values().stream().anyMatch(code -> code / 100 == 4 || code == 552);
        int first = rejected.values().iterator().next();
        if (invalid.getValidSentAddresses() != null && invalid.getValidSentAddresses().length > 0) {
            List<String> accepted = new ArrayList<>();
            for (Address address : invalid.getValidSentAddresses()) {
                accepted.add(address.toString());
            }
            return Outcome.partial(accepted, rejected, detail);
        }
        return (anyTransient ? Outcome.transientFailure(first, detail) : Outcome.permanentFailure(first, detail))
                .withRejected(rejected);
    }

    private static Map<String, Integer> rejections(MessagingException failure) {
        Map<String, Integer> rejected = new LinkedHashMap<>();
        for (Exception next = failure.getNextException(); next != null; ) {
            if (next instanceof SMTPAddressFailedException address) {
                rejected.put(address.getAddress().toString(), address.getReturnCode());
            }
            next = next instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        return rejected;
    }

    static Outcome byClass(int code, String detail) {
        return code / 100 == 4 ? Outcome.transientFailure(code, detail) : Outcome.permanentFailure(code, detail);
    }

    private static boolean isTlsMessage(String message) {
        return message != null
                && (message.contains("STARTTLS is required") || message.contains("Could not convert socket to TLS"));
    }

    private static int codeIn(String text) {
        if (text == null) {
            return -1;
        }
        Matcher response = RESPONSE_CODE.matcher(text);
        if (response.find()) {
            return Integer.parseInt(response.group(1));
        }
        Matcher matcher = CODE_IN_TEXT.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    /**
     * The failure's class and message, one line; for a wrapper, followed by the first Angus (Jakarta
     * Mail) exception it wraps, whose message holds the server's reply.
     */
    static String describe(Throwable failure) {
        String described = line(failure);
        if (!(failure instanceof MessagingException)) {
            for (Throwable cause = next(failure); cause != null; cause = next(cause)) {
                if (cause instanceof MessagingException) {
                    return described + " <- " + line(cause);
                }
            }
        }
        return described;
    }

    private static String line(Throwable failure) {
        String message = String.valueOf(failure.getMessage())
                .replace("\r", "")
                .replace('\n', ' ')
                .trim();
        return failure.getClass().getSimpleName() + ": "
                + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
    }
}
