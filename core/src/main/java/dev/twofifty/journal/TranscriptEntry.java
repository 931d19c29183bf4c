package dev.twofifty.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of a session's transcript: a line the client sent, a line the server sent, a summary of
 * message content, or an event such as a TLS handshake or an injected fault.
 *
 * @param from who sent it; events are attributed to the side that caused them
 * @param kind what it is
 * @param line the text; command lines and reply lines without CRLF, SASL secrets masked
 * @param at the time since the connection was accepted
 * @param batch which read (for the client) or which flush (for the server) it belongs to; lines
 *     with the same batch arrived in the same read, or were flushed together, which makes
 *     pipelining visible
 */
public record TranscriptEntry(Party from, Kind kind, String line, Duration at, int batch) {

    public TranscriptEntry {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(at, "at");
    }

    /** Who a transcript entry came from. */
    public enum Party {
        /** The SMTP client under test. */
        CLIENT,
        /** The fake server. */
        SERVER
    }

    /** What a transcript entry records. */
    public enum Kind {
        /** A command line or SASL response from the client, or a reply line from the server. */
        LINE,
        /** A summary of message content (DATA or a BDAT chunk), for example {@code [message content: 1234 octets]}. */
        CONTENT,
        /** Something that is not a line: connection, TLS handshake, injected fault, close. */
        EVENT
    }

    /** Whether this is a line the client sent. */
    public boolean isClientLine() {
        return from == Party.CLIENT && kind == Kind.LINE;
    }

    /** Whether this is a reply line the server sent. */
    public boolean isServerLine() {
        return from == Party.SERVER && kind == Kind.LINE;
    }

    @Override
    public String toString() {
        String arrow = switch (kind) {
            case LINE -> from == Party.CLIENT ? "C: " : "S: ";
            case CONTENT -> "C: ";
            case EVENT -> "-- ";
        };
        return String.format("%6d ms %s%s", at.toMillis(), arrow, line);
    }
}
