package dev.twofifty.conformance;

/** What a client under test can do; a case that needs a feature the client lacks is N/A. */
public enum Feature {
    /** STARTTLS (RFC 3207). */
    STARTTLS,
    /** Implicit TLS on connect (RFC 8314). */
    IMPLICIT_TLS,
    /** AUTH with user name and password (RFC 4954). */
    AUTH,
    /** DSN parameters NOTIFY, RET, ENVID (RFC 3461). */
    DSN,
    /** Internationalized addresses (RFC 6531). */
    SMTPUTF8,
    /** Several messages over one connection. */
    SEVERAL_MESSAGES_PER_CONNECTION,
    /** Several messages with the same client object, each over a connection of its own (QUIT, then connect again). */
    CONNECTION_PER_MESSAGE,
    /** Sending a prepared message byte for byte (the case's fixture), not one composed by the client. */
    RAW_CONTENT,
    /** BDAT chunks (RFC 3030) when asked for ({@link MailRequest#chunkSize()}) and CHUNKING is offered. */
    CHUNKING
}
