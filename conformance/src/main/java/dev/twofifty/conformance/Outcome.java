package dev.twofifty.conformance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client reported to its caller for one message, normalised by its adapter to the catalogue's
 * outcome vocabulary.
 *
 * @param kind the kind of outcome
 * @param code the SMTP reply code the client reported, 0 when there is none (a lost connection), or
 *     {@link #NO_CODE} when the client reports no reply codes at all (a command line client's exit status)
 * @param accepted for {@link Kind#PARTIAL}: the recipients the client reports as accepted
 * @param rejected for {@link Kind#PARTIAL} (and when known): recipient → reply code
 * @param detail what the client said, for evidence (an exception message, an exit status)
 */
public record Outcome(Kind kind, int code, List<String> accepted, Map<String, Integer> rejected, String detail) {

    /** The outcome vocabulary of the catalogue (§0). */
    public enum Kind {
        DELIVERED,
        PARTIAL,
        TRANSIENT,
        PERMANENT,
        AUTH_FAILED_TEMPORARY,
        AUTH_FAILED_PERMANENT,
        TLS_FAILED,
        LOCAL_REJECT,
        HANG,
        /** The adapter could not classify what the client reported. */
        UNKNOWN
    }

    /**
     * The code of an outcome whose client reports none: a command line client tells its caller only an exit
     * status, so whether a failure came from a 421, a 450 or a lost connection is not known. Oracles then judge
     * the kind alone.
     */
    public static final int NO_CODE = -1;

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        accepted = List.copyOf(accepted);
        rejected = Map.copyOf(rejected);
        Objects.requireNonNull(detail, "detail");
    }

    public static Outcome delivered() {
        return new Outcome(Kind.DELIVERED, 250, List.of(), Map.of(), "delivered");
    }

    public static Outcome partial(List<String> accepted, Map<String, Integer> rejected, String detail) {
        return new Outcome(Kind.PARTIAL, 250, accepted, rejected, detail);
    }

    /** A temporary failure with a reply code, or code 0 for a lost connection. */
    public static Outcome transientFailure(int code, String detail) {
        return new Outcome(Kind.TRANSIENT, code, List.of(), Map.of(), detail);
    }

    public static Outcome permanentFailure(int code, String detail) {
        return new Outcome(Kind.PERMANENT, code, List.of(), Map.of(), detail);
    }

    public static Outcome authFailed(boolean temporary, int code, String detail) {
        return new Outcome(
                temporary ? Kind.AUTH_FAILED_TEMPORARY : Kind.AUTH_FAILED_PERMANENT, code, List.of(), Map.of(), detail);
    }

    public static Outcome tlsFailed(String detail) {
        return new Outcome(Kind.TLS_FAILED, 0, List.of(), Map.of(), detail);
    }

    public static Outcome localReject(String detail) {
        return new Outcome(Kind.LOCAL_REJECT, 0, List.of(), Map.of(), detail);
    }

    public static Outcome hang(String detail) {
        return new Outcome(Kind.HANG, 0, List.of(), Map.of(), detail);
    }

    public static Outcome unknown(String detail) {
        return new Outcome(Kind.UNKNOWN, 0, List.of(), Map.of(), detail);
    }

    /** A copy with the per-recipient rejections filled in. */
    public Outcome withRejected(Map<String, Integer> perRecipient) {
        return new Outcome(kind, code, accepted, perRecipient, detail);
    }

    /** Whether the client reported success for the whole message. */
    public boolean isDelivered() {
        return kind == Kind.DELIVERED;
    }

    /** Whether the client reported a reply code (or a lost connection), rather than {@link #NO_CODE}. */
    public boolean hasCode() {
        return code != NO_CODE;
    }

    /**
     * Short form for evidence, for example {@code TRANSIENT(451)}, {@code TRANSIENT(conn-loss)} or, for a client
     * that reports no codes, {@code TRANSIENT(no code)}.
     */
    public String label() {
        return switch (kind) {
            case TRANSIENT ->
                "TRANSIENT(" + (code == NO_CODE ? "no code" : code == 0 ? "conn-loss" : String.valueOf(code)) + ")";
            case PERMANENT -> "PERMANENT(" + (code == NO_CODE ? "no code" : String.valueOf(code)) + ")";
            case PARTIAL -> "PARTIAL{accepted=" + accepted + ", rejected=" + rejected + "}";
            case AUTH_FAILED_TEMPORARY -> "AUTH_FAILED(temp)";
            case AUTH_FAILED_PERMANENT -> "AUTH_FAILED(perm)";
            default -> kind.name();
        };
    }

    @Override
    public String toString() {
        return label() + (detail.isEmpty() ? "" : ": " + detail);
    }
}
