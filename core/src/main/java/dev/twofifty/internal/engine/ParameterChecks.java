package dev.twofifty.internal.engine;

import dev.twofifty.SmtpExtension;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.SmtpReply;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks MAIL and RCPT parameters against the extensions in effect for the session: SIZE (RFC 1870),
 * BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET, ENVID, NOTIFY and ORCPT (RFC 3461), and AUTH (RFC 4954).
 * Each check returns the error reply, or {@code null} when the parameters are acceptable.
 */
final class ParameterChecks {

    private static final Set<String> NOTIFY_VALUES = Set.of("SUCCESS", "FAILURE", "DELAY");

    private ParameterChecks() {}

    static SmtpReply checkMail(EsmtpParameters parameters, Set<SmtpExtension> active, long maxMessageSize) {
        for (Map.Entry<String, String> parameter : parameters.values().entrySet()) {
            String keyword = parameter.getKey();
            String value = parameter.getValue();
            SmtpReply error = switch (keyword) {
                case "SIZE" ->
                    !active.contains(SmtpExtension.SIZE)
                            ? Replies.unsupportedParameter(keyword)
                            : size(value, maxMessageSize);
                case "BODY" ->
                    !active.contains(SmtpExtension.EIGHT_BIT_MIME)
                            ? Replies.unsupportedParameter(keyword)
                            : body(value);
                case "SMTPUTF8" ->
                    !active.contains(SmtpExtension.SMTPUTF8)
                            ? Replies.unsupportedParameter(keyword)
                            : value.isEmpty() ? null : Replies.badParameter("SMTPUTF8 takes no value");
                case "RET" ->
                    !active.contains(SmtpExtension.DSN)
                            ? Replies.unsupportedParameter(keyword)
                            : value.equalsIgnoreCase("FULL") || value.equalsIgnoreCase("HDRS")
                                    ? null
                                    : Replies.badParameter("RET must be FULL or HDRS");
                case "ENVID" ->
                    !active.contains(SmtpExtension.DSN)
                            ? Replies.unsupportedParameter(keyword)
                            : isXtext(value) && value.length() <= 100
                                    ? null
                                    : Replies.badParameter("ENVID must be xtext of at most 100 characters");
                case "AUTH" ->
                    !active.contains(SmtpExtension.AUTH)
                            ? Replies.unsupportedParameter(keyword)
                            : isXtext(value) ? null : Replies.badParameter("AUTH must be xtext or <>");
                default -> Replies.unsupportedParameter(keyword);
            };
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    static SmtpReply checkRcpt(EsmtpParameters parameters, Set<SmtpExtension> active) {
        for (Map.Entry<String, String> parameter : parameters.values().entrySet()) {
            String keyword = parameter.getKey();
            String value = parameter.getValue();
            SmtpReply error = switch (keyword) {
                case "NOTIFY" ->
                    !active.contains(SmtpExtension.DSN) ? Replies.unsupportedParameter(keyword) : notify(value);
                case "ORCPT" ->
                    !active.contains(SmtpExtension.DSN) ? Replies.unsupportedParameter(keyword) : orcpt(value);
                default -> Replies.unsupportedParameter(keyword);
            };
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** Whether a declared SIZE is over the limit (checked separately so the violation can be recorded). */
    static boolean declaredSizeTooLarge(EsmtpParameters parameters, long maxMessageSize) {
        return parameters
                .get("SIZE")
                .filter(value -> isNumber(value))
                .map(value -> value.length() > 18 || Long.parseLong(value) > maxMessageSize)
                .orElse(false);
    }

    private static SmtpReply size(String value, long maxMessageSize) {
        if (!isNumber(value)) {
            return Replies.badParameter("SIZE must be a number of octets");
        }
        if (value.length() > 18 || Long.parseLong(value) > maxMessageSize) {
            return Replies.messageTooBig(maxMessageSize);
        }
        return null;
    }

    private static SmtpReply body(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.equals("7BIT") || upper.equals("8BITMIME")) {
            return null;
        }
        if (upper.equals("BINARYMIME")) {
            return Replies.unsupportedParameter("BODY=BINARYMIME (BINARYMIME is not offered)");
        }
        return Replies.badParameter("BODY must be 7BIT or 8BITMIME");
    }

    private static SmtpReply notify(String value) {
        String[] values = value.toUpperCase(Locale.ROOT).split(",", -1);
        if (values.length == 1 && values[0].equals("NEVER")) {
            return null;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String single : values) {
            if (!NOTIFY_VALUES.contains(single) || !seen.add(single)) {
                return Replies.badParameter("NOTIFY must be NEVER, or a list of SUCCESS, FAILURE and DELAY");
            }
        }
        return null;
    }

    private static SmtpReply orcpt(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon <= 0 || semicolon == value.length() - 1 || !isXtext(value.substring(semicolon + 1))) {
            return Replies.badParameter("ORCPT must be addr-type;xtext, for example rfc822;ann@example.com");
        }
        return null;
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** RFC 3461 §4: xtext is printable US-ASCII except '+' and '=', with "+XX" hex escapes. */
    private static boolean isXtext(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !isUpperHex(value.charAt(i + 1)) || !isUpperHex(value.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                // RFC 6533 allows UTF-8 in ORCPT and ENVID with SMTPUTF8; accept it.
                if (c < 0x80) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
