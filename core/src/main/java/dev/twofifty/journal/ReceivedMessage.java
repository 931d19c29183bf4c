package dev.twofifty.journal;

import dev.twofifty.internal.journal.MimeParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One accepted message: its envelope, its exact content and where it came from. There is one
 * {@code ReceivedMessage} per transaction, never one per recipient.
 *
 * <p>{@link #raw()} is the content exactly as received, after dot-unstuffing and without the final
 * {@code .CRLF} (or the concatenated BDAT chunks). {@link #parsed()} gives a MIME view, parsed on
 * first use.
 */
public final class ReceivedMessage {

    private final long id;
    private final long sessionId;
    private final int transactionIndex;
    private final Envelope envelope;
    private final byte[] raw;
    private final Instant receivedAt;
    private volatile ParsedMessage parsed;

    /**
     * Creates a message record; the server does this, tests rarely need to.
     *
     * @param id the 1-based number of the message on its server
     * @param sessionId the id of the session it arrived in
     * @param transactionIndex the 1-based number of the transaction within that session
     * @param envelope the envelope
     * @param raw the content; the array is copied
     * @param receivedAt when the server accepted it
     */
    public ReceivedMessage(
            long id, long sessionId, int transactionIndex, Envelope envelope, byte[] raw, Instant receivedAt) {
        this.id = id;
        this.sessionId = sessionId;
        this.transactionIndex = transactionIndex;
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.raw = raw.clone();
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The 1-based number of the message on its server, in order of acceptance. */
    public long id() {
        return id;
    }

    /** The id of the session the message arrived in. */
    public long sessionId() {
        return sessionId;
    }

    /** The 1-based number of the transaction within its session. */
    public int transactionIndex() {
        return transactionIndex;
    }

    /** The envelope: sender, recipients and their parameters. */
    public Envelope envelope() {
        return envelope;
    }

    /** A copy of the content exactly as received, after dot-unstuffing. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The content as a stream, without copying. */
    public InputStream rawStream() {
        return new ByteArrayInputStream(raw);
    }

    /** The content decoded as UTF-8 (invalid sequences replaced), for quick checks and logs. */
    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The size of the content in octets. */
    public int size() {
        return raw.length;
    }

    /** When the server accepted the message (when it sent its 250). */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The MIME view of the message, parsed with Jakarta Mail on first use. */
    public ParsedMessage parsed() {
        ParsedMessage result = parsed;
        if (result == null) {
            result = MimeParser.parse(raw);
            parsed = result;
        }
        return result;
    }

    /** The decoded subject, or the empty string when there is none; shorthand for {@code parsed().subject()}. */
    public String subject() {
        return parsed().subject().orElse("");
    }

    /**
     * The envelope recipients that the To and Cc headers do not name: the Bcc recipients, as far as the
     * server can tell. Addresses are compared with the domain ignoring case.
     */
    public List<String> blindRecipients() {
        List<String> named = parsed().headerRecipients().stream()
                .map(ReceivedMessage::canonical)
                .toList();
        return envelope.recipientAddresses().stream()
                .filter(address -> !named.contains(canonical(address)))
                .toList();
    }

    private static String canonical(String address) {
        int at = address.lastIndexOf('@');
        return at < 0
                ? address
                : address.substring(0, at) + address.substring(at).toLowerCase(Locale.ROOT);
    }

    /** Whether the content is equal, octet for octet, to the given bytes. */
    public boolean rawEquals(byte[] expected) {
        return Arrays.equals(raw, expected);
    }

    @Override
    public String toString() {
        return "message " + id + " (session " + sessionId + ", transaction " + transactionIndex + ") " + envelope + ", "
                + raw.length + " octets";
    }
}
