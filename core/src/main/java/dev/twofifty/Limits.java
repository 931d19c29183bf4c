package dev.twofifty;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The server's limits, in one value. Each {@code withXxx} method returns a copy with one limit changed.
 *
 * <table>
 *   <caption>Limits and their defaults</caption>
 *   <tr><th>Limit</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code maxCommandLineLength}</td><td>512</td>
 *       <td>octets in a command line including CRLF (RFC 5321 §4.5.3.1.4); longer lines get {@code 500 5.5.2}</td></tr>
 *   <tr><td>{@code maxTextLineLength}</td><td>1000</td>
 *       <td>octets in a line of message content including CRLF (RFC 5321 §4.5.3.1.6)</td></tr>
 *   <tr><td>{@code maxAuthLineLength}</td><td>12288</td>
 *       <td>octets in an AUTH command or SASL response line (RFC 4954 §4)</td></tr>
 *   <tr><td>{@code maxMessageSize}</td><td>10,240,000</td>
 *       <td>octets of message content; advertised with SIZE, larger messages get {@code 552 5.3.4}</td></tr>
 *   <tr><td>{@code maxRecipients}</td><td>100</td>
 *       <td>recipients per transaction (RFC 5321 §4.5.3.1.8 requires at least 100); more get {@code 452 4.5.3}</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>5 minutes</td>
 *       <td>time without input before {@code 421 4.4.2} and close (RFC 5321 §4.5.3.2.7)</td></tr>
 *   <tr><td>{@code maxConnections}</td><td>10,000</td>
 *       <td>open connections; one more is greeted with {@code 421 4.3.2} and closed</td></tr>
 *   <tr><td>{@code maxInvalidCommands}</td><td>100</td>
 *       <td>unknown or malformed commands per session before {@code 421 4.7.0} and close</td></tr>
 *   <tr><td>{@code journalCapacity}</td><td>10,000</td>
 *       <td>messages and ended sessions kept in the journal; the oldest are evicted and counted</td></tr>
 *   <tr><td>{@code maxTranscriptEntries}</td><td>10,000</td>
 *       <td>transcript entries kept per session, later ones are counted, not kept; and violations
 *       kept per session, later ones are dropped</td></tr>
 *   <tr><td>{@code socketBufferSize}</td><td>0 (the system's)</td>
 *       <td>octets of each connection's socket send and receive buffers, and of the replies the server
 *       queues before it stops reading; small values make a client that sends without reading its
 *       replies block (RFC 2920 §3.1 deadlock)</td></tr>
 * </table>
 */
public record Limits(
        int maxCommandLineLength,
        int maxTextLineLength,
        int maxAuthLineLength,
        long maxMessageSize,
        int maxRecipients,
        Duration idleTimeout,
        int maxConnections,
        int maxInvalidCommands,
        int journalCapacity,
        int maxTranscriptEntries,
        int socketBufferSize) {

    /** The documented defaults. */
    public static final Limits DEFAULTS =
            new Limits(512, 1000, 12_288, 10_240_000L, 100, Duration.ofMinutes(5), 10_000, 100, 10_000, 10_000, 0);

    /** The smallest socket buffer size that can be set; 0 means the system's defaults. */
    public static final int MIN_SOCKET_BUFFER_SIZE = 1024;

    public Limits {
        atLeast("maxCommandLineLength", maxCommandLineLength, 16);
        atLeast("maxTextLineLength", maxTextLineLength, 3);
        atLeast("maxAuthLineLength", maxAuthLineLength, 16);
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1 but was " + maxMessageSize);
        }
        atLeast("maxRecipients", maxRecipients, 1);
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive but was " + idleTimeout);
        }
        atLeast("maxConnections", maxConnections, 1);
        atLeast("maxInvalidCommands", maxInvalidCommands, 1);
        atLeast("journalCapacity", journalCapacity, 1);
        atLeast("maxTranscriptEntries", maxTranscriptEntries, 1);
        if (socketBufferSize != 0) {
            atLeast("socketBufferSize", socketBufferSize, MIN_SOCKET_BUFFER_SIZE);
        }
    }

    /** The limits without a socket buffer size (the system's defaults), as before that limit existed. */
    public Limits(
            int maxCommandLineLength,
            int maxTextLineLength,
            int maxAuthLineLength,
            long maxMessageSize,
            int maxRecipients,
            Duration idleTimeout,
            int maxConnections,
            int maxInvalidCommands,
            int journalCapacity,
            int maxTranscriptEntries) {
        this(
                maxCommandLineLength,
                maxTextLineLength,
                maxAuthLineLength,
                maxMessageSize,
                maxRecipients,
                idleTimeout,
                maxConnections,
                maxInvalidCommands,
                journalCapacity,
                maxTranscriptEntries,
                0);
    }

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + " but was " + value);
        }
    }

    public Limits withMaxCommandLineLength(int value) {
        return copy(limits -> limits.maxCommandLineLength = value);
    }

    public Limits withMaxTextLineLength(int value) {
        return copy(limits -> limits.maxTextLineLength = value);
    }

    public Limits withMaxAuthLineLength(int value) {
        return copy(limits -> limits.maxAuthLineLength = value);
    }

    public Limits withMaxMessageSize(long value) {
        return copy(limits -> limits.maxMessageSize = value);
    }

    public Limits withMaxRecipients(int value) {
        return copy(limits -> limits.maxRecipients = value);
    }

    public Limits withIdleTimeout(Duration value) {
        return copy(limits -> limits.idleTimeout = value);
    }

    public Limits withMaxConnections(int value) {
        return copy(limits -> limits.maxConnections = value);
    }

    public Limits withMaxInvalidCommands(int value) {
        return copy(limits -> limits.maxInvalidCommands = value);
    }

    public Limits withJournalCapacity(int value) {
        return copy(limits -> limits.journalCapacity = value);
    }

    public Limits withMaxTranscriptEntries(int value) {
        return copy(limits -> limits.maxTranscriptEntries = value);
    }

    /** Sets the socket send and receive buffers and the queue of unsent replies, in octets; 0 for the system's. */
    public Limits withSocketBufferSize(int value) {
        return copy(limits -> limits.socketBufferSize = value);
    }

    private Limits copy(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a {@code Limits} while one is changed; built through the canonical constructor, which checks them. */
    private static final class Copy {
        private int maxCommandLineLength;
        private int maxTextLineLength;
        private int maxAuthLineLength;
        private long maxMessageSize;
        private int maxRecipients;
        private Duration idleTimeout;
        private int maxConnections;
        private int maxInvalidCommands;
        private int journalCapacity;
        private int maxTranscriptEntries;
        private int socketBufferSize;

        private Copy(Limits limits) {
            maxCommandLineLength = limits.maxCommandLineLength;
            maxTextLineLength = limits.maxTextLineLength;
            maxAuthLineLength = limits.maxAuthLineLength;
            maxMessageSize = limits.maxMessageSize;
            maxRecipients = limits.maxRecipients;
            idleTimeout = limits.idleTimeout;
            maxConnections = limits.maxConnections;
            maxInvalidCommands = limits.maxInvalidCommands;
            journalCapacity = limits.journalCapacity;
            maxTranscriptEntries = limits.maxTranscriptEntries;
            socketBufferSize = limits.socketBufferSize;
        }

        private Limits build() {
            return new Limits(
                    maxCommandLineLength,
                    maxTextLineLength,
                    maxAuthLineLength,
                    maxMessageSize,
                    maxRecipients,
                    idleTimeout,
                    maxConnections,
                    maxInvalidCommands,
                    journalCapacity,
                    maxTranscriptEntries,
                    socketBufferSize);
        }
    }
}
