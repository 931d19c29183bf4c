package dev.twofifty.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * Something the client did that the RFCs forbid or advise against, recorded whether or not the
 * server rejected it.
 *
 * @param type what kind of violation
 * @param detail a sentence naming what was seen
 * @param at the time since the connection was accepted
 */
public record Violation(Type type, String detail, Duration at) {

    public Violation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    /** The kinds of client violation the server detects, each with the rule it breaks. */
    public enum Type {
        /** A command line ended in LF without CR (RFC 5321 §2.3.8). */
        BARE_LF_IN_COMMAND("RFC 5321 §2.3.8"),
        /** A command line held a CR not followed by LF (RFC 5321 §2.3.8). */
        BARE_CR_IN_COMMAND("RFC 5321 §2.3.8"),
        /** Message content held a LF without CR (RFC 5321 §2.3.8, §4.1.1.4). */
        BARE_LF_IN_DATA("RFC 5321 §2.3.8"),
        /** Message content held a CR not followed by LF (RFC 5321 §2.3.8, §4.1.1.4). */
        BARE_CR_IN_DATA("RFC 5321 §2.3.8"),
        /** A NUL octet in a command line (RFC 5321 §4.1.1). */
        NUL_IN_COMMAND("RFC 5321 §4.1.1"),
        /** A command line over the limit (RFC 5321 §4.5.3.1.4). */
        COMMAND_LINE_TOO_LONG("RFC 5321 §4.5.3.1.4"),
        /** A line of message content over the limit (RFC 5321 §4.5.3.1.6). */
        TEXT_LINE_TOO_LONG("RFC 5321 §4.5.3.1.6"),
        /** The client sent before the server's greeting (RFC 5321 §3.1, §4.3.1). */
        EARLY_TALKER("RFC 5321 §3.1"),
        /** The client sent more after STARTTLS before the TLS handshake (RFC 3207 §4.2, §6). */
        PLAINTEXT_AFTER_STARTTLS("RFC 3207 §6"),
        /** Pipelined commands when PIPELINING was not advertised (RFC 2920 §3, RFC 5321 §4.1.4). */
        PIPELINING_NOT_ADVERTISED("RFC 2920 §3"),
        /** A command that is not last in a pipelined group was followed by more commands (RFC 2920 §3.1). */
        PIPELINED_AFTER_SYNCHRONIZING_COMMAND("RFC 2920 §3.1"),
        /** 8-bit octets in a command without SMTPUTF8 (RFC 5321 §2.4, RFC 6531 §3.2). */
        NON_ASCII_COMMAND("RFC 6531 §3.2"),
        /** 8-bit octets in message content without {@code BODY=8BITMIME} (RFC 6152 §3). */
        EIGHT_BIT_CONTENT_WITHOUT_8BITMIME("RFC 6152 §3"),
        /** A command the server did not recognize (RFC 5321 §4.2.4). */
        UNKNOWN_COMMAND("RFC 5321 §4.2.4"),
        /** A command with bad syntax (RFC 5321 §4.1). */
        SYNTAX_ERROR("RFC 5321 §4.1"),
        /** A command out of sequence (RFC 5321 §4.1.4). */
        BAD_SEQUENCE("RFC 5321 §4.1.4"),
        /** The client declared a SIZE over the advertised limit or sent a larger message (RFC 1870 §6). */
        MESSAGE_TOO_LARGE("RFC 1870 §6"),
        /** The client closed the connection without QUIT (RFC 5321 §4.1.1.10). */
        CLOSED_WITHOUT_QUIT("RFC 5321 §4.1.1.10");

        private final String reference;

        Type(String reference) {
            this.reference = reference;
        }

        /** The RFC section the violation breaks, for example {@code RFC 5321 §2.3.8}. */
        public String reference() {
            return reference;
        }
    }

    @Override
    public String toString() {
        return type + " (" + type.reference() + "): " + detail;
    }
}
