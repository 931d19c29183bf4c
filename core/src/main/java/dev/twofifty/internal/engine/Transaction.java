package dev.twofifty.internal.engine;

import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One mail transaction in progress: the envelope so far and the message content being received. */
final class Transaction {

    final int index;
    final Path reversePath;
    final EsmtpParameters mailParameters;
    final List<Recipient> recipients = new ArrayList<>();
    int rcptCommands;
    MessageAssembler content;
    DataDecoder decoder;
    boolean usingBdat;
    boolean bdatFailed;

    Transaction(int index, Path reversePath, EsmtpParameters mailParameters) {
        this.index = index;
        this.reversePath = reversePath;
        this.mailParameters = mailParameters;
    }

    boolean smtpUtf8() {
        return mailParameters.has("SMTPUTF8");
    }

    boolean contentStarted() {
        return content != null;
    }

    Envelope envelope() {
        return new Envelope(reversePath, mailParameters, recipients);
    }

    TransactionRecord record(TransactionRecord.Outcome outcome, SmtpReply finalReply, Long messageId) {
        return new TransactionRecord(
                index,
                envelope(),
                outcome,
                Optional.ofNullable(finalReply),
                Optional.ofNullable(messageId),
                content == null ? 0 : content.received());
    }
}
