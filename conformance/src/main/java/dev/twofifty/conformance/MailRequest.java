package dev.twofifty.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * @param submitter the submitter to declare with {@code AUTH=} on MAIL (RFC 4954 §5), or {@code null} for none
 * @param pauseBetweenMessages how long the client stays idle between two messages of one connection, in the
 *     catalogue's time (adapters shorten it with {@link Endpoint#scaled}); zero for none
 */
public record MailRequest(
        String from,
        List<String> to,
        List<byte[]> messages,
        Security security,
        Credentials credentials,
        Dsn dsn,
        String submitter,
        Duration pauseBetweenMessages) {

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
     * @param envid the envelope identifier as the user gives it (the client encodes it as xtext), or {@code null}
     */
    public record Dsn(String notifyOn, String ret, String envid) {

        /** NOTIFY and RET only. */
        public Dsn(String notifyOn, String ret) {
            this(notifyOn, ret, null);
        }
    }

    public MailRequest {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A request needs at least one message");
        }
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(pauseBetweenMessages, "pauseBetweenMessages");
        if (pauseBetweenMessages.isNegative()) {
            throw new IllegalArgumentException("The pause between messages must not be negative");
        }
    }

    /** A request without submitter and without pauses between messages. */
    public MailRequest(
            String from, List<String> to, List<byte[]> messages, Security security, Credentials credentials, Dsn dsn) {
        this(from, to, messages, security, credentials, dsn, null, Duration.ZERO);
    }

    /** A plain request: one message, no TLS, no AUTH. */
    public static MailRequest of(String from, List<String> to, String message) {
        return new MailRequest(from, to, List.of(message.getBytes(StandardCharsets.UTF_8)), Security.NONE, null, null);
    }

    public MailRequest withSecurity(Security newSecurity) {
        return new MailRequest(from, to, messages, newSecurity, credentials, dsn, submitter, pauseBetweenMessages);
    }

    public MailRequest withCredentials(String user, String password) {
        return new MailRequest(
                from, to, messages, security, new Credentials(user, password), dsn, submitter, pauseBetweenMessages);
    }

    public MailRequest withDsn(String notifyOn, String ret) {
        return withDsn(new Dsn(notifyOn, ret));
    }

    public MailRequest withDsn(Dsn options) {
        return new MailRequest(from, to, messages, security, credentials, options, submitter, pauseBetweenMessages);
    }

    /** Declares this submitter with {@code AUTH=} on MAIL, where the client can. */
    public MailRequest withSubmitter(String address) {
        return new MailRequest(from, to, messages, security, credentials, dsn, address, pauseBetweenMessages);
    }

    /** Stays idle this long (catalogue time) between two messages of a connection. */
    public MailRequest withPauseBetweenMessages(Duration pause) {
        return new MailRequest(from, to, messages, security, credentials, dsn, submitter, pause);
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
                submitter,
                pauseBetweenMessages);
    }

    /** The first message as text. */
    public String messageText() {
        return new String(messages.get(0), StandardCharsets.UTF_8);
    }
}
