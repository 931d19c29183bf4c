package dev.twofifty.internal.engine;

import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpCommand;
import dev.twofifty.protocol.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one command line into an {@link SmtpCommand} (RFC 5321 §4.1 syntax, with the ESMTP
 * parameter syntax of §4.1.2). Never throws: a line that cannot be parsed becomes
 * {@link SmtpCommand.Malformed} carrying the reply for it.
 *
 * <p>The parser checks syntax only. Whether a command or parameter is allowed in the session's
 * state, or by its extensions, is for the session to decide.
 */
final class CommandParser {

    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_DOMAIN = 255;
    private static final int MAX_PATH = 256;

    /** The verbs the parser knows, so that the common ones need no upper-cased copy of the line. */
    private static final String[] KNOWN_VERBS = {
        "RCPT",
        "MAIL",
        "DATA",
        "EHLO",
        "HELO",
        "QUIT",
        "RSET",
        "NOOP",
        "BDAT",
        "AUTH",
        "VRFY",
        "EXPN",
        "HELP",
        "STARTTLS"
    };

    private CommandParser() {}

    /**
     * The verb of a line in upper case: the text up to the first space. A known verb comes back as its
     * constant, whatever its case on the wire; this runs once per command line.
     */
    static String verbOf(String line) {
        int space = line.indexOf(' ');
        int end = space < 0 ? line.length() : space;
        for (String known : KNOWN_VERBS) {
            if (known.length() == end && line.regionMatches(true, 0, known, 0, end)) {
                return known;
            }
        }
        return line.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /**
     * Parses a line.
     *
     * @param line the line without CRLF, decoded (UTF-8 for non-ASCII octets)
     * @param lenient whether to accept paths without angle brackets
     */
    static SmtpCommand parse(String line, boolean lenient) {
        if (line.isEmpty()) {
            return new SmtpCommand.Malformed("", "", Replies.EMPTY_LINE);
        }
        int space = line.indexOf(' ');
        String verb = verbOf(line);
        String argument = space < 0 ? "" : line.substring(space + 1);
        return switch (verb) {
            case "HELO" -> hello(verb, argument, false);
            case "EHLO" -> hello(verb, argument, true);
            case "MAIL" -> mail(argument, lenient);
            case "RCPT" -> rcpt(argument, lenient);
            case "DATA" -> noArgument(verb, argument, new SmtpCommand.Data());
            case "BDAT" -> bdat(argument);
            case "RSET" -> noArgument(verb, argument, new SmtpCommand.Rset());
            case "QUIT" -> noArgument(verb, argument, new SmtpCommand.Quit());
            case "STARTTLS" -> noArgument(verb, argument, new SmtpCommand.StartTls());
            case "NOOP" -> new SmtpCommand.Noop(argument);
            case "HELP" -> new SmtpCommand.Help(argument);
            case "VRFY" ->
                argument.isBlank()
                        ? new SmtpCommand.Malformed(verb, argument, Replies.syntax("VRFY string"))
                        : new SmtpCommand.Vrfy(argument);
            case "EXPN" ->
                argument.isBlank()
                        ? new SmtpCommand.Malformed(verb, argument, Replies.syntax("EXPN string"))
                        : new SmtpCommand.Expn(argument);
            case "AUTH" -> auth(argument);
            default -> new SmtpCommand.Unknown(verb, argument);
        };
    }

    /** Decodes a line's octets: US-ASCII as is, anything else as strict UTF-8; {@code null} when invalid. */
    static String decode(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static SmtpCommand hello(String verb, String argument, boolean extended) {
        String name = argument.trim();
        if (name.isEmpty()) {
            return new SmtpCommand.Malformed(verb, argument, Replies.syntax(verb + " hostname"));
        }
        return extended ? new SmtpCommand.Ehlo(name) : new SmtpCommand.Helo(name);
    }

    private static SmtpCommand noArgument(String verb, String argument, SmtpCommand command) {
        if (!argument.isBlank()) {
            return new SmtpCommand.Malformed(verb, argument, Replies.syntax(verb + " (no parameters)"));
        }
        return command;
    }

    private static SmtpCommand mail(String argument, boolean lenient) {
        String usage = "MAIL FROM:<address> [parameters]";
        if (!argument.regionMatches(true, 0, "FROM:", 0, 5)) {
            return new SmtpCommand.Malformed("MAIL", argument, Replies.syntax(usage));
        }
        PathAndRest parsed = splitPath(argument.substring(5), lenient);
        if (parsed == null) {
            return new SmtpCommand.Malformed("MAIL", argument, Replies.syntax(usage));
        }
        Path path;
        if (parsed.path.isEmpty()) {
            path = Path.NULL;
        } else {
            if (parsed.octets > MAX_PATH) {
                return new SmtpCommand.Malformed("MAIL", argument, Replies.PATH_TOO_LONG);
            }
            Address mailbox = mailbox(parsed.path);
            if (mailbox == null) {
                return new SmtpCommand.Malformed("MAIL", argument, lengthOrSyntax(parsed.path, Replies.BAD_SENDER));
            }
            path = new Path(parsed.path, mailbox);
        }
        Object parameters = parameters(parsed.rest);
        if (parameters instanceof SmtpReply error) {
            return new SmtpCommand.Malformed("MAIL", argument, error);
        }
        return new SmtpCommand.MailFrom(path, (EsmtpParameters) parameters, argument);
    }

    private static SmtpCommand rcpt(String argument, boolean lenient) {
        String usage = "RCPT TO:<address> [parameters]";
        if (!argument.regionMatches(true, 0, "TO:", 0, 3)) {
            return new SmtpCommand.Malformed("RCPT", argument, Replies.syntax(usage));
        }
        PathAndRest parsed = splitPath(argument.substring(3), lenient);
        if (parsed == null) {
            return new SmtpCommand.Malformed("RCPT", argument, Replies.syntax(usage));
        }
        if (parsed.path.isEmpty()) {
            return new SmtpCommand.Malformed("RCPT", argument, Replies.BAD_RECIPIENT);
        }
        if (parsed.octets > MAX_PATH) {
            return new SmtpCommand.Malformed("RCPT", argument, Replies.PATH_TOO_LONG);
        }
        Address mailbox;
        if (parsed.path.equalsIgnoreCase("postmaster")) {
            mailbox = new Address(parsed.path, "");
        } else {
            mailbox = mailbox(parsed.path);
            if (mailbox == null) {
                return new SmtpCommand.Malformed("RCPT", argument, lengthOrSyntax(parsed.path, Replies.BAD_RECIPIENT));
            }
        }
        Object parameters = parameters(parsed.rest);
        if (parameters instanceof SmtpReply error) {
            return new SmtpCommand.Malformed("RCPT", argument, error);
        }
        return new SmtpCommand.RcptTo(new Path(parsed.path, mailbox), (EsmtpParameters) parameters, argument);
    }

    private static SmtpCommand bdat(String argument) {
        String[] words = argument.trim().split(" +");
        boolean valid = words.length >= 1
                && words.length <= 2
                && !words[0].isEmpty()
                && words[0].length() <= 18
                && words[0].chars().allMatch(c -> c >= '0' && c <= '9')
                && (words.length == 1 || words[1].equalsIgnoreCase("LAST"));
        if (!valid) {
            return new SmtpCommand.Malformed("BDAT", argument, Replies.syntax("BDAT size [LAST]"));
        }
        return new SmtpCommand.Bdat(Long.parseLong(words[0]), words.length == 2, argument);
    }

    private static SmtpCommand auth(String argument) {
        String[] words = argument.trim().split(" +");
        boolean valid = words.length >= 1
                && words.length <= 2
                && !words[0].isEmpty()
                && words[0].length() <= 20
                && words[0].chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
        if (!valid) {
            return new SmtpCommand.Malformed("AUTH", argument, Replies.syntax("AUTH mechanism [initial-response]"));
        }
        return new SmtpCommand.Auth(words[0].toUpperCase(Locale.ROOT), words.length == 2 ? words[1] : "");
    }

    /**
     * @param octets the length of the whole path in octets, angle brackets and source route included, as
     *     RFC 5321 §4.5.3.1.3 counts it
     */
    private record PathAndRest(String path, String rest, int octets) {}

    /** Splits {@code <path> rest}; drops a source route; {@code null} when there is no well-formed path. */
    private static PathAndRest splitPath(String text, boolean lenient) {
        // RFC 5321 has no space after the colon, but widespread clients send one; accept it.
        String trimmed = text.stripLeading();
        String path;
        String rest;
        int octets;
        if (trimmed.startsWith("<")) {
            int close = closingBracket(trimmed);
            if (close < 0) {
                return null;
            }
            path = trimmed.substring(1, close);
            rest = trimmed.substring(close + 1);
            octets = utf8Length(path) + 2;
            if (!rest.isEmpty() && rest.charAt(0) != ' ') {
                return null;
            }
        } else if (lenient && !trimmed.isEmpty()) {
            int space = trimmed.indexOf(' ');
            path = space < 0 ? trimmed : trimmed.substring(0, space);
            rest = space < 0 ? "" : trimmed.substring(space);
            octets = utf8Length(path) + 2;
        } else {
            return null;
        }
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon < 0) {
                return null;
            }
            path = path.substring(colon + 1);
        }
        return new PathAndRest(path, rest.trim(), octets);
    }

    private static int closingBracket(String text) {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static SmtpReply lengthOrSyntax(String path, SmtpReply syntaxError) {
        int at = path.lastIndexOf('@');
        if (at > 0
                && (utf8Length(path.substring(0, at)) > MAX_LOCAL_PART
                        || utf8Length(path.substring(at + 1)) > MAX_DOMAIN)) {
            return Replies.PATH_TOO_LONG;
        }
        return syntaxError;
    }

    /** Parses {@code local@domain} per RFC 5321 §4.1.2 (with RFC 6531 UTF-8); {@code null} when invalid. */
    static Address mailbox(String text) {
        int at;
        if (text.startsWith("\"")) {
            int close = endOfQuotedString(text);
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != '@') {
                return null;
            }
            at = close + 1;
        } else {
            at = text.lastIndexOf('@');
            if (at <= 0 || !isDotString(text, at)) {
                return null;
            }
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (utf8Length(local) > MAX_LOCAL_PART || utf8Length(domain) > MAX_DOMAIN || !isDomainOrLiteral(domain)) {
            return null;
        }
        return new Address(local, domain);
    }

    private static int endOfQuotedString(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length() || text.charAt(i + 1) < 32 || text.charAt(i + 1) == 127) {
                    return -1;
                }
                i++;
            } else if (c == '"') {
                return i;
            } else if (c < 32 || c == 127) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether {@code text} up to {@code end} is a Dot-string: atoms joined by single dots. */
    private static boolean isDotString(String text, int end) {
        if (end == 0 || text.charAt(0) == '.' || text.charAt(end - 1) == '.') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' ? text.charAt(i - 1) == '.' : !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0
                || c >= 0x80;
    }

    private static boolean isDomainOrLiteral(String domain) {
        if (domain.startsWith("[")) {
            if (!domain.endsWith("]") || domain.length() < 3) {
                return false;
            }
            String literal = domain.substring(1, domain.length() - 1);
            return literal.chars().allMatch(c -> c > 32 && c < 127 && c != '[' && c != ']' && c != '\\');
        }
        if (domain.isEmpty() || domain.endsWith(".")) {
            return false;
        }
        int labelStart = 0;
        while (labelStart <= domain.length()) {
            int dot = domain.indexOf('.', labelStart);
            int labelEnd = dot < 0 ? domain.length() : dot;
            if (!isLabel(domain, labelStart, labelEnd)) {
                return false;
            }
            labelStart = labelEnd + 1;
        }
        return true;
    }

    /** Whether {@code domain[start, end)} is a label: letters, digits and inner hyphens (UTF-8 allowed). */
    private static boolean isLabel(String domain, int start, int end) {
        if (start == end || end - start > 63 || domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = domain.charAt(i);
            boolean letterDigitHyphen =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!letterDigitHyphen && c < 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code KEYWORD[=value]} words; returns {@link EsmtpParameters} or the error {@link SmtpReply}. */
    private static Object parameters(String text) {
        if (text.isEmpty()) {
            return EsmtpParameters.NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : text.split(" +")) {
            int equals = word.indexOf('=');
            String keyword = equals < 0 ? word : word.substring(0, equals);
            String value = equals < 0 ? "" : word.substring(equals + 1);
            if (!isKeyword(keyword)) {
                return Replies.badParameter("'" + word + "' is not KEYWORD[=value]");
            }
            if (equals >= 0 && (value.isEmpty() || !isParameterValue(value))) {
                return Replies.badParameter("bad value in '" + word + "'");
            }
            if (values.put(keyword.toUpperCase(Locale.ROOT), value) != null) {
                return Replies.badParameter("duplicate parameter " + keyword.toUpperCase(Locale.ROOT));
            }
        }
        return new EsmtpParameters(values);
    }

    private static boolean isKeyword(String keyword) {
        if (keyword.isEmpty() || !Character.isLetterOrDigit(keyword.charAt(0)) || keyword.charAt(0) >= 0x80) {
            return false;
        }
        return keyword.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'));
    }

    private static boolean isParameterValue(String value) {
        return value.chars().allMatch(c -> (c >= 33 && c <= 126 && c != '=') || c >= 0x80);
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
