package dev.twofifty;

/**
 * How strictly the server holds clients to RFC 5321's syntax. Every violation is recorded in the
 * journal under both profiles; the profile only decides whether the server rejects it.
 */
public enum Strictness {
    /**
     * The default: only CRLF ends a line, so only {@code CRLF.CRLF} ends message data (no SMTP
     * smuggling); bare CR or LF in a command is rejected with {@code 500 5.5.2}; message content with
     * bare CR or LF, or lines over the text line limit, is rejected after the final dot.
     */
    STRICT,
    /**
     * For clients that need slack: a bare LF also ends a line (so {@code LF.LF} and {@code LF.CRLF}
     * also end message data), overlong text lines and bare CR in content are accepted. Violations are
     * still recorded.
     */
    LENIENT
}
