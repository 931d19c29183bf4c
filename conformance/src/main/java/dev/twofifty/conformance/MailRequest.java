package dev.twofifty.conformance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a case asks the client under test to do: send these messages from this sender to these
 * recipients, with this security and these credentials. Adapters translate it into their client's
 * configuration and calls.
 *
 * @param from the envelope sender ({@code ""} for the null sender)
 * @param to the envelope recipients
 * @param messages the messages, RFC 5322 text with CRLF line ends; more than one means one after the other on
 *     one connection when the client can
 * @param security how the client should use TLS
 * @param credentials user and password for AUTH, or {@code null} for none
 * @param dsn DSN options to request, or {@code null} for none
 * @param clientName the name the client should give in EHLO/HELO, or {@code null} for the adapter's default
 * @param chunkSize for clients that can use BDAT (RFC 3030): octets per chunk when the server offers CHUNKING,
 *     or 0 to use DATA as usual
 * @param connectionPerMessage whether each message goes over a connection of its own (connect, send, QUIT), with
 *     the same client object, instead of one connection for all; needs {@link Feature#CONNECTION_PER_MESSAGE}
 */
public record MailRequest(
        String from,
        List<String> to,
        List<byte[]> messages,
        Security security,
        Credentials credentials,
        Dsn dsn,
        String clientName,
        int chunkSize,
        boolean connectionPerMessage) {

    /** How the client should use TLS. */
    public enum Security {
        /** No TLS. */
        NONE,
        /** STARTTLS when offered; otherwise go on in clear. */
        STARTTLS_IF_OFFERED,
        /** STARTTLS required: fail when it is not offered or fails. */
        STARTTLS_REQUIRED,
        /** Implicit TLS on the SMTPS port. */
        IMPLICIT_TLS
    }

    /**
     * Credentials for AUTH.
     *
     * @param user the user name
     * @param password the password
     */
    public record Credentials(String user, String password) {
        public Credentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=****]";
        }
    }

    /**
     * DSN options (RFC 3461).
     *
     * @param notifyOn NOTIFY values, for example {@code SUCCESS,FAILURE}, or {@code null}
     * @param ret {@code FULL} or {@code HDRS}, or {@code null}
     */
    public record Dsn(String notifyOn, String ret) {}

    public MailRequest {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A request needs at least one message");
        }
        Objects.requireNonNull(security, "security");
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must be 0 or more but was " + chunkSize);
        }
    }

    /** A request without a client name or BDAT chunking, whose messages share one connection. */
    public MailRequest(
            String from, List<String> to, List<byte[]> messages, Security security, Credentials credentials, Dsn dsn) {
        this(from, to, messages, security, credentials, dsn, null, 0, false);
    }

    /** A plain request: one message, no TLS, no AUTH. */
    public static MailRequest of(String from, List<String> to, String message) {
        return new MailRequest(from, to, List.of(message.getBytes(StandardCharsets.UTF_8)), Security.NONE, null, null);
    }

    /** A request with these messages (raw bytes, sent byte for byte by clients with {@link Feature#RAW_CONTENT}). */
    public static MailRequest ofBytes(String from, List<String> to, byte[]... messages) {
        return new MailRequest(from, to, List.of(messages), Security.NONE, null, null);
    }

    public MailRequest withSecurity(Security newSecurity) {
        return new MailRequest(
                from, to, messages, newSecurity, credentials, dsn, clientName, chunkSize, connectionPerMessage);
    }

    public MailRequest withCredentials(String user, String password) {
        return new MailRequest(
                from,
                to,
                messages,
                security,
                new Credentials(user, password),
                dsn,
                clientName,
                chunkSize,
                connectionPerMessage);
    }

    public MailRequest withDsn(String notifyOn, String ret) {
        return new MailRequest(
                from,
                to,
                messages,
                security,
                credentials,
                new Dsn(notifyOn, ret),
                clientName,
                chunkSize,
                connectionPerMessage);
    }

    /** The same request with the client giving this name in EHLO/HELO. */
    public MailRequest withClientName(String name) {
        return new MailRequest(from, to, messages, security, credentials, dsn, name, chunkSize, connectionPerMessage);
    }

    /** The same request with BDAT chunks of this many octets when the server offers CHUNKING (0: DATA). */
    public MailRequest withChunkSize(int octets) {
        return new MailRequest(
                from, to, messages, security, credentials, dsn, clientName, octets, connectionPerMessage);
    }

    /** The same message sent this many times over one connection. */
    public MailRequest repeated(int times) {
        return new MailRequest(
                from,
                to,
                java.util.Collections.nCopies(times, messages.get(0)),
                security,
                credentials,
                dsn,
                clientName,
                chunkSize,
                connectionPerMessage);
    }

    /** The same request with each message over a connection of its own (see {@link #connectionPerMessage}). */
    public MailRequest oneConnectionPerMessage() {
        return new MailRequest(from, to, messages, security, credentials, dsn, clientName, chunkSize, true);
    }

    /** The first message as text. */
    public String messageText() {
        return new String(messages.get(0), StandardCharsets.UTF_8);
    }
}
