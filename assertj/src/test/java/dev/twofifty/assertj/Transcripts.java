package dev.twofifty.assertj;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.TranscriptEntry.Kind;
import dev.twofifty.journal.TranscriptEntry.Party;
import dev.twofifty.journal.Violation;
import dev.twofifty.protocol.SmtpReply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds sessions by hand: each entry is 1 ms after the previous one, and each client line gets a
 * batch of its own unless pipelined with the line before.
 */
final class Transcripts {

    private final List<TranscriptEntry> entries = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<TransactionRecord> transactions = new ArrayList<>();
    private long id = 1;
    private TlsInfo tls;
    private String authenticatedAs;
    private SessionEnd endedBy;
    private int batch;
    private int flush;

    static Transcripts session() {
        return new Transcripts().server("220 localhost ESMTP TwoFifty ready");
    }

    static Transcripts empty() {
        return new Transcripts();
    }

    Transcripts id(long sessionId) {
        this.id = sessionId;
        return this;
    }

    /** A client line in a read of its own. */
    Transcripts client(String line) {
        return add(Party.CLIENT, Kind.LINE, line, ++batch);
    }

    /** A client line that arrived in the same read as the previous client line. */
    Transcripts pipelined(String line) {
        return add(Party.CLIENT, Kind.LINE, line, batch);
    }

    Transcripts server(String line) {
        return add(Party.SERVER, Kind.LINE, line, ++flush);
    }

    Transcripts content(String summary) {
        return add(Party.CLIENT, Kind.CONTENT, summary, ++batch);
    }

    Transcripts event(String text) {
        return add(Party.SERVER, Kind.EVENT, text, 0);
    }

    /** A client line and a one-line reply. */
    Transcripts exchange(String line, String reply) {
        return client(line).server(reply);
    }

    Transcripts violation(Violation.Type type, String detail) {
        violations.add(new Violation(type, detail, Duration.ofMillis(entries.size())));
        return this;
    }

    Transcripts transaction(int index, TransactionRecord.Outcome outcome, SmtpReply finalReply) {
        transactions.add(new TransactionRecord(
                index,
                TestData.envelope("ann@example.com", "bob@example.com"),
                outcome,
                Optional.ofNullable(finalReply),
                outcome == TransactionRecord.Outcome.ACCEPTED ? Optional.of((long) index) : Optional.empty(),
                100));
        return this;
    }

    Transcripts tls(TlsInfo info) {
        this.tls = info;
        return this;
    }

    Transcripts authenticatedAs(String user) {
        this.authenticatedAs = user;
        return this;
    }

    Transcripts endedBy(SessionEnd end) {
        this.endedBy = end;
        return this;
    }

    List<TranscriptEntry> entries() {
        return List.copyOf(entries);
    }

    SessionRecord build() {
        Instant start = TestData.RECEIVED_AT;
        return new SessionRecord(
                id,
                "127.0.0.1:40000",
                start,
                endedBy == null ? Optional.empty() : Optional.of(start.plusMillis(entries.size())),
                Optional.ofNullable(tls),
                Optional.ofNullable(authenticatedAs),
                Optional.of("client.example"),
                entries,
                0,
                violations,
                transactions,
                Optional.ofNullable(endedBy));
    }

    private Transcripts add(Party from, Kind kind, String line, int entryBatch) {
        entries.add(new TranscriptEntry(from, kind, line, Duration.ofMillis(entries.size()), entryBatch));
        return this;
    }
}
