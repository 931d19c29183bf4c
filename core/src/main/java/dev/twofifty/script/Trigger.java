package dev.twofifty.script;

/**
 * The step of an SMTP session a rule applies to. Each step is a place where the server replies, so
 * each is a place where a script can choose the reply, delay it or inject a fault.
 */
public enum Trigger {
    /** The connection was accepted; the reply is the greeting ({@code 220}). */
    CONNECT,
    /** {@code EHLO}; the reply carries the capability list. */
    EHLO,
    /** {@code HELO}. */
    HELO,
    /** {@code STARTTLS}; the reply is sent before the TLS handshake. */
    STARTTLS,
    /** {@code AUTH} and each SASL response line that follows it. */
    AUTH,
    /** {@code MAIL FROM}. */
    MAIL,
    /** {@code RCPT TO}. */
    RCPT,
    /** The {@code DATA} command, before the {@code 354}. */
    DATA,
    /** The end of message data: after the final {@code .}, or after {@code BDAT ... LAST}. */
    MESSAGE,
    /** Each {@code BDAT} chunk, after its octets have been read. */
    BDAT,
    /** {@code RSET}. */
    RSET,
    /** {@code NOOP}. */
    NOOP,
    /** {@code VRFY}. */
    VRFY,
    /** {@code EXPN}. */
    EXPN,
    /** {@code HELP}. */
    HELP,
    /** {@code QUIT}. */
    QUIT,
    /** A command the server does not know. */
    UNKNOWN,
    /** Any step at all. */
    ANY
}
