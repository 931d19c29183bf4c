package dev.twofifty.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
        String clientName,
        int chunkSize,
        boolean connectionPerMessage,
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
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunkSize must be 0 or more but was " + chunkSize);
        }
        Objects.requireNonNull(pauseBetweenMessages, "pauseBetweenMessages");
        if (pauseBetweenMessages.isNegative()) {
            throw new IllegalArgumentException("The pause between messages must not be negative");
        }
    }

    /**
     * A request with the adapter's client name, DATA rather than BDAT, one connection for all messages, no
     * submitter and no pauses.
     */
    public MailRequest(
            String from, List<String> to, List<byte[]> messages, Security security, Credentials credentials, Dsn dsn) {
        this(from, to, messages, security, credentials, dsn, null, 0, false, null, Duration.ZERO);
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
        return copy(c -> c.security = newSecurity);
    }

    public MailRequest withCredentials(String user, String password) {
        return copy(c -> c.credentials = new Credentials(user, password));
    }

    public MailRequest withDsn(String notifyOn, String ret) {
        return withDsn(new Dsn(notifyOn, ret));
    }

    public MailRequest withDsn(Dsn options) {
        return copy(c -> c.dsn = options);
    }

    /** The same request with the client giving this name in EHLO/HELO. */
    public MailRequest withClientName(String name) {
        return copy(c -> c.clientName = name);
    }

    /** The same request with BDAT chunks of this many octets when the server offers CHUNKING (0: DATA). */
    public MailRequest withChunkSize(int octets) {
        return copy(c -> c.chunkSize = octets);
    }

    /** The same request with each message over a connection of its own (see {@link #connectionPerMessage}). */
    public MailRequest oneConnectionPerMessage() {
        return copy(c -> c.connectionPerMessage = true);
    }

    /** Declares this submitter with {@code AUTH=} on MAIL, where the client can. */
    public MailRequest withSubmitter(String address) {
        return copy(c -> c.submitter = address);
    }

    /** Stays idle this long (catalogue time) between two messages of a connection. */
    public MailRequest withPauseBetweenMessages(Duration pause) {
        return copy(c -> c.pauseBetweenMessages = pause);
    }

    /** The same message sent this many times over one connection. */
    public MailRequest repeated(int times) {
        return copy(c -> c.messages = Collections.nCopies(times, messages.get(0)));
    }

    /** The first message as text. */
    public String messageText() {
        return new String(messages.get(0), StandardCharsets.UTF_8);
    }

    private MailRequest copy(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components of a request being changed by one of the {@code with} methods. */
    private static final class Copy {
        private final String from;
        private final List<String> to;
        private List<byte[]> messages;
        private Security security;
        private Credentials credentials;
        private Dsn dsn;
        private String clientName;
        private int chunkSize;
        private boolean connectionPerMessage;
        private String submitter;
        private Duration pauseBetweenMessages;

        private Copy(MailRequest request) {
            from = request.from;
            to = request.to;
            messages = request.messages;
            security = request.security;
            credentials = request.credentials;
            dsn = request.dsn;
            clientName = request.clientName;
            chunkSize = request.chunkSize;
            connectionPerMessage = request.connectionPerMessage;
            submitter = request.submitter;
            pauseBetweenMessages = request.pauseBetweenMessages;
        }

        private MailRequest build() {
            return new MailRequest(
                    from,
                    to,
                    messages,
                    security,
                    credentials,
                    dsn,
                    clientName,
                    chunkSize,
                    connectionPerMessage,
                    submitter,
                    pauseBetweenMessages);
        }
    }
}
