package dev.twofifty.journal;

import dev.twofifty.protocol.SmtpReply;
import java.util.Objects;
import java.util.Optional;

/**
 * One mail transaction of a session, from an accepted MAIL to its end, whatever the outcome: the
 * basis for checks such as "the client retried after a 4xx".
 *
 * @param index the 1-based position of the transaction in its session
 * @param envelope the envelope as it stood when the transaction ended
 * @param outcome how it ended
 * @param finalReply the reply to the end of message data, if the client got that far
 * @param messageId the id of the message in the journal, if it was accepted
 * @param contentSize the octets of message content received (after dot-unstuffing), 0 if none
 */
public record TransactionRecord(
        int index,
        Envelope envelope,
        Outcome outcome,
        Optional<SmtpReply> finalReply,
        Optional<Long> messageId,
        long contentSize) {

    public TransactionRecord {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(finalReply, "finalReply");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** How a transaction ended. */
    public enum Outcome {
        /** Still open. */
        OPEN,
        /** The message was accepted with a 2xx reply and is in the journal. */
        ACCEPTED,
        /** The end of message data got a 4xx or 5xx reply. */
        REJECTED,
        /** RSET, a new MAIL, STARTTLS, or a failed BDAT chunk ended it before the message was complete. */
        ABORTED,
        /** The connection ended before the message was complete. */
        INTERRUPTED
    }
}
