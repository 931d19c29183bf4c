package dev.twofifty.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code and one or more lines of
 * text, rendered on the wire in the multi-line form of RFC 5321 §4.2.1 when there are several lines.
 *
 * <pre>{@code
 * SmtpReply.of(451, "4.3.0", "Try again later");
 * SmtpReply.of(250, "2.0.0", "first line", "second line");
 * }</pre>
 *
 * @param code the reply code, 200 to 599
 * @param enhancedCode the enhanced status code; {@code null} when the reply carries none
 * @param lines the text lines, at least one (which may be empty); no line contains CR or LF
 */
public record SmtpReply(int code, EnhancedStatusCode enhancedCode, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("Reply code must be 200 to 599 (RFC 5321 §4.2) but was " + code);
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("A reply needs at least one line of text (it may be empty)");
        }
        lines = List.copyOf(lines);
        for (String line : lines) {
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException(
                        "Reply text must not contain CR or LF; pass several lines instead: " + quote(line));
            }
        }
        if (enhancedCode != null) {
            int replyClass = code / 100;
            if (replyClass != 3 && enhancedCode.codeClass() != replyClass) {
                throw new IllegalArgumentException(
                        "Enhanced status code " + enhancedCode + " does not match reply code " + code
                                + ": the class must be " + replyClass + " (RFC 3463 §2)");
            }
        }
    }

    /** A one-line reply without an enhanced status code, for example {@code of(250, "OK")}. */
    public static SmtpReply of(int code, String text) {
        return new SmtpReply(code, null, List.of(text));
    }

    /** A reply without an enhanced status code, with one or more lines. */
    public static SmtpReply multiline(int code, List<String> lines) {
        return new SmtpReply(code, null, lines);
    }

    /**
     * A reply with an enhanced status code, for example {@code of(550, "5.1.1", "No such user")}.
     *
     * @param enhancedCode the dotted enhanced status code, or {@code null} for none
     */
    public static SmtpReply of(int code, String enhancedCode, String... lines) {
        return new SmtpReply(
                code,
                enhancedCode == null ? null : EnhancedStatusCode.parse(enhancedCode),
                lines.length == 0 ? List.of("") : List.of(lines));
    }

    /** The enhanced status code, if the reply carries one. */
    public Optional<EnhancedStatusCode> enhanced() {
        return Optional.ofNullable(enhancedCode);
    }

    /** The text lines joined with a single space, without codes. */
    public String text() {
        return String.join(" ", lines);
    }

    /** Whether the code is 2xx. */
    public boolean isPositiveCompletion() {
        return code >= 200 && code < 300;
    }

    /** Whether the code is 3xx (the server waits for more from the client). */
    public boolean isPositiveIntermediate() {
        return code >= 300 && code < 400;
    }

    /** Whether the code is 4xx. */
    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    /** Whether the code is 5xx. */
    public boolean isPermanentFailure() {
        return code >= 500;
    }

    /** A copy of this reply with another enhanced status code ({@code null} removes it). */
    public SmtpReply withEnhancedCode(EnhancedStatusCode newCode) {
        return new SmtpReply(code, newCode, lines);
    }

    /** A copy of this reply with other text lines. */
    public SmtpReply withLines(List<String> newLines) {
        return new SmtpReply(code, enhancedCode, newLines);
    }

    /**
     * The reply as it goes on the wire, each line ending in CRLF.
     *
     * @param withEnhancedCode whether to put the enhanced status code, if any, in front of each line
     */
    public String render(boolean withEnhancedCode) {
        boolean prefixed = withEnhancedCode && enhancedCode != null;
        int size = 0;
        for (String line : lines) {
            size += line.length() + 16;
        }
        StringBuilder out = new StringBuilder(size);
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (prefixed) {
                out.append(enhancedCode.codeClass())
                        .append('.')
                        .append(enhancedCode.subject())
                        .append('.')
                        .append(enhancedCode.detail())
                        .append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    /** The lines as they go on the wire, without line endings. */
    public List<String> renderLines(boolean withEnhancedCode) {
        List<String> out = new ArrayList<>(lines.size());
        for (String wire : render(withEnhancedCode).split("\r\n")) {
            out.add(wire);
        }
        return out;
    }

    @Override
    public String toString() {
        return code + (enhancedCode == null ? "" : " " + enhancedCode) + " " + String.join(" / ", lines);
    }

    private static String quote(String line) {
        return '"' + line.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
