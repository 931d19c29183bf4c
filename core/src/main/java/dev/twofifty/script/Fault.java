package dev.twofifty.script;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A transport fault a rule injects at its step: what happens to the connection instead of, or after,
 * a normal reply. The step is chosen by the rule's trigger; the fault says what happens there.
 *
 * <pre>{@code
 * onMail().willFault(Fault.close())                      // FIN, no reply
 * onData().willFault(Fault.closeAfterContentBytes(100))  // 354, then drop in mid-content
 * onStartTls().willFault(Fault.tlsHandshakeFailure())
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
}
