package dev.twofifty.journal;

/** How a session ended. */
public enum SessionEnd {
    /** The client sent QUIT and the server closed after its reply. */
    QUIT,
    /** The client closed the connection (or reset it) without QUIT. */
    CLIENT_CLOSE,
    /** The server closed it: a 421 reply, {@code close()} of the server, or too many errors. */
    SERVER_CLOSE,
    /** A scripted fault closed or reset it. */
    FAULT,
    /** The client was idle too long (RFC 5321 §4.5.3.2.7). */
    TIMEOUT,
    /** A transport error such as a failed TLS handshake ended it. */
    ERROR
}
