package dev.twofifty.script;

import dev.twofifty.protocol.SmtpReply;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server does at a step when a rule fires: which reply (or the default one), after which
 * delay, delivered how, with which fault, and for EHLO, which change to the capability list. Every
 * part is optional; an empty action gives the default reply, so a rule can delay the default reply
 * without restating it.
 *
 * @param reply the reply to send; {@code null} sends the default reply of the step
 * @param delay the wait before replying
 * @param delivery how the reply's bytes go out
 * @param fault the fault to inject; {@code null} for none
 * @param capabilities the change to the EHLO capability list; {@code null} for none
 * @param wire the exact text to send instead of the rendered reply (UTF-8, line ends included), or
 *     {@code null} to render the reply; the reply (scripted or default) still decides what the step
 *     does, so {@code wire} can break the reply syntax on purpose (a bare code, a bare LF, injected lines)
 */
public record Action(
        SmtpReply reply, Delay delay, Delivery delivery, Fault fault, CapabilityChange capabilities, String wire) {

    /** The default reply, at once. */
    public static final Action DEFAULT = new Action(null, Delay.NONE, Delivery.WHOLE, null, null, null);

    public Action {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(delivery, "delivery");
        if (wire != null && wire.isEmpty()) {
            throw new IllegalArgumentException("A raw reply needs at least one character; use Fault.stall() for none");
        }
        if ((reply != null || wire != null) && fault != null && !sendsReply(fault)) {
            throw new IllegalArgumentException("The fault \"" + fault.describe()
                    + "\" sends no reply, so the reply " + (reply != null ? reply : quote(wire))
                    + " would never be sent; use"
                    + " Fault.replyThenClose() to send a reply and then close");
        }
    }

    /** An action that sends this reply. */
    public static Action reply(SmtpReply reply) {
        return DEFAULT.withReply(reply);
    }

    /** An action that sends this reply, for example {@code reply(451, "4.3.0", "Try again later")}. */
    public static Action reply(int code, String enhancedCode, String... lines) {
        return reply(SmtpReply.of(code, enhancedCode, lines));
    }

    /** An action that injects this fault. */
    public static Action fault(Fault fault) {
        return DEFAULT.withFault(fault);
    }

    /** The reply, if this action sets one. */
    public Optional<SmtpReply> replyOverride() {
        return Optional.ofNullable(reply);
    }

    public Action withReply(SmtpReply newReply) {
        return new Action(Objects.requireNonNull(newReply, "reply"), delay, delivery, fault, capabilities, wire);
    }

    public Action withDelay(Delay newDelay) {
        return new Action(reply, newDelay, delivery, fault, capabilities, wire);
    }

    public Action withDelay(Duration newDelay) {
        return withDelay(Delay.fixed(newDelay));
    }

    public Action withDelivery(Delivery newDelivery) {
        return new Action(reply, delay, newDelivery, fault, capabilities, wire);
    }

    public Action withFault(Fault newFault) {
        return new Action(reply, delay, delivery, Objects.requireNonNull(newFault, "fault"), capabilities, wire);
    }

    public Action withCapabilities(CapabilityChange change) {
        return new Action(reply, delay, delivery, fault, Objects.requireNonNull(change, "change"), wire);
    }

    /**
     * Sends this exact text instead of the rendered reply, for example {@code "250\r\n"} (a reply
     * without text) or {@code "220 go ahead\r\n250 AUTH PLAIN\r\n"} (injected lines).
     */
    public Action withWire(String text) {
        return new Action(reply, delay, delivery, fault, capabilities, Objects.requireNonNull(text, "wire"));
    }

    private static String quote(String text) {
        return '"' + text.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    /** Whether the fault, if any, still lets a reply go out. */
    static boolean sendsReply(Fault fault) {
        return fault == null
                || fault instanceof Fault.ReplyThenClose
                || fault instanceof Fault.CloseAfterContentBytes
                || fault instanceof Fault.TlsHandshakeFailure
                || fault instanceof Fault.StopReading
                || fault instanceof Fault.ReadSlowly
                || fault instanceof Fault.CloseWhenIdle;
    }

    /** A short description, for example {@code reply 451 4.3.0 Try again later after 200 ms}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (fault != null && !sendsReply(fault)) {
            out.append("fault: ").append(fault.describe());
        } else {
            out.append(wire != null ? "raw reply " + quote(wire) : reply == null ? "default reply" : "reply " + reply);
            if (fault != null) {
                out.append(", then fault: ").append(fault.describe());
            }
        }
        if (capabilities != null) {
            out.append(" advertising ").append(capabilities.describe());
        }
        if (!(delay instanceof Delay.Fixed fixed && fixed.duration().isZero())) {
            out.append(" after ").append(delay.describe());
        }
        if (!(delivery instanceof Delivery.Whole)) {
            out.append(' ').append(delivery.describe());
        }
        return out.toString();
    }

    /** A duration as people write it: {@code 200 ms}, {@code 2 s}; the ISO form when it is not whole milliseconds. */
    static String describe(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        return millis != 0 && millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
