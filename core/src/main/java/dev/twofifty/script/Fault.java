package dev.twofifty.script;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A transport fault a rule injects at its step: what happens to the connection instead of, or after,
 * a normal reply. The step is chosen by the rule's trigger; the fault says what happens there.
 *
 * <pre>{@code
 * onMail().willFault(Fault.close())                      // FIN, no reply
 * onData().willFault(Fault.closeAfterContentBytes(100))  // 354, then drop in mid-content
 * onStartTls().willFault(Fault.tlsHandshakeFailure())
 * onData().willFault(Fault.readSlowly(1500))             // 354, then read the content at 1.5 KB/s
 * onMessage().willFault(Fault.closeWhenIdle(Duration.ofSeconds(10)))  // 250, then 421 if the client idles
 * }</pre>
 */
public sealed interface Fault {

    /** Close the connection without replying (a FIN). */
    static Fault close() {
        return new Close();
    }

    /** Reset the connection without replying (an RST, via SO_LINGER 0). */
    static Fault reset() {
        return new Reset();
    }

    /** Never reply and keep the connection open; input is read and discarded. */
    static Fault stall() {
        return new Stall();
    }

    /** Send the reply (the scripted or the default one), then close. */
    static Fault replyThenClose() {
        return new ReplyThenClose();
    }

    /** Send bytes that are not an SMTP reply, then close. */
    static Fault garbageThenClose() {
        return new GarbageThenClose(
                "\u0000\u00ff\u00fe garbage \u00e9\u0001\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Send these bytes instead of a reply, then close. */
    static Fault garbageThenClose(byte[] garbage) {
        return new GarbageThenClose(garbage);
    }

    /**
     * At DATA or BDAT: reply as usual, then close the connection once this many octets of message
     * content have been received.
     */
    static Fault closeAfterContentBytes(long octets) {
        return new CloseAfterContentBytes(octets);
    }

    /** At STARTTLS: reply {@code 220}, then fail the TLS handshake with a {@code handshake_failure} alert and close. */
    static Fault tlsHandshakeFailure() {
        return new TlsHandshakeFailure();
    }

    /** Send the reply, then stop reading from the connection, so that the client's writes back up. */
    static Fault stopReading() {
        return new StopReading();
    }

    /**
     * At DATA or BDAT: reply as usual, then read the message content at most this many octets per
     * second, so that the client's writes back up (a slow reader, RFC 5321 §4.5.3.2.5); full speed
     * again after the message.
     */
    static Fault readSlowly(long octetsPerSecond) {
        return new ReadSlowly(octetsPerSecond);
    }

    /**
     * Send the reply; then, if the client sends nothing for this long, send {@code 421 4.4.2} and close,
     * as a server's idle timeout does (an unsolicited reply the client reads as the answer to its next
     * command, RFC 5321 §3.8). Any input before then cancels it. With a {@code 421} reply the connection
     * is not closed at once but only once the client falls silent, so that what a client still sends after
     * a 421 is seen.
     */
    static Fault closeWhenIdle(Duration idle) {
        return new CloseWhenIdle(idle);
    }

    /** A short description, for example {@code close after 100 octets of content}. */
    default String describe() {
        if (this instanceof Close) {
            return "close without reply";
        } else if (this instanceof Reset) {
            return "reset without reply";
        } else if (this instanceof Stall) {
            return "stall";
        } else if (this instanceof ReplyThenClose) {
            return "close after the reply";
        } else if (this instanceof GarbageThenClose garbage) {
            return garbage.garbage.length + " octets of garbage, then close";
        } else if (this instanceof CloseAfterContentBytes drop) {
            return "close after " + drop.octets() + " octets of content";
        } else if (this instanceof TlsHandshakeFailure) {
            return "TLS handshake failure";
        } else if (this instanceof ReadSlowly slow) {
            return "read the content at " + slow.octetsPerSecond() + " octets/s";
        } else if (this instanceof CloseWhenIdle idle) {
            return "421 and close after " + Action.describe(idle.idle()) + " of client silence";
        }
        return "stop reading";
    }

    /** See {@link Fault#close()}. */
    record Close() implements Fault {}

    /** See {@link Fault#reset()}. */
    record Reset() implements Fault {}

    /** See {@link Fault#stall()}. */
    record Stall() implements Fault {}

    /** See {@link Fault#replyThenClose()}. */
    record ReplyThenClose() implements Fault {}

    /**
     * See {@link Fault#garbageThenClose(byte[])}.
     *
     * @param garbage the bytes to send; the accessor returns a copy
     */
    record GarbageThenClose(byte[] garbage) implements Fault {
        public GarbageThenClose {
            garbage = garbage.clone();
            if (garbage.length == 0) {
                throw new IllegalArgumentException("Garbage needs at least one byte");
            }
        }

        @Override
        public byte[] garbage() {
            return garbage.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GarbageThenClose that && Arrays.equals(garbage, that.garbage);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(garbage);
        }

        @Override
        public String toString() {
            return "GarbageThenClose[" + garbage.length + " bytes]";
        }
    }

    /**
     * See {@link Fault#closeAfterContentBytes(long)}.
     *
     * @param octets how many octets of content to read before closing, zero or more
     */
    record CloseAfterContentBytes(long octets) implements Fault {
        public CloseAfterContentBytes {
            if (octets < 0) {
                throw new IllegalArgumentException("The content byte count must not be negative: " + octets);
            }
        }
    }

    /** See {@link Fault#tlsHandshakeFailure()}. */
    record TlsHandshakeFailure() implements Fault {}

    /** See {@link Fault#stopReading()}. */
    record StopReading() implements Fault {}

    /**
     * See {@link Fault#readSlowly(long)}.
     *
     * @param octetsPerSecond how fast message content is read, at least 1
     */
    record ReadSlowly(long octetsPerSecond) implements Fault {
        public ReadSlowly {
            if (octetsPerSecond < 1) {
                throw new IllegalArgumentException("The read rate must be at least 1 octet/s: " + octetsPerSecond);
            }
        }
    }

    /**
     * See {@link Fault#closeWhenIdle(Duration)}.
     *
     * @param idle how long the client may stay silent, positive
     */
    record CloseWhenIdle(Duration idle) implements Fault {
        public CloseWhenIdle {
            java.util.Objects.requireNonNull(idle, "idle");
            if (idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("The idle time must be positive: " + idle);
            }
        }
    }
}
