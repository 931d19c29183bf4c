package dev.twofifty.internal.journal;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.TranscriptEntry.Kind;
import dev.twofifty.journal.TranscriptEntry.Party;
import dev.twofifty.journal.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal's live record of one session. The session's I/O thread writes it; readers take
 * snapshots. Every method is synchronized: writes are short, and readers are rare (tests).
 */
public final class SessionRecorder {

    private final long id;
    private final String remoteAddress;
    private final Instant startedAt;
    private final long startNanos;
    private final int maxTranscriptEntries;
    private final List<TranscriptEntry> transcript = new ArrayList<>();
    private int droppedTranscriptEntries;
    private final List<Violation> violations = new ArrayList<>();
    private final List<TransactionRecord> transactions = new ArrayList<>();
    private TlsInfo tls;
    private String authenticatedAs;
    private String ehlo;
    private Instant endedAt;
    private SessionEnd endedBy;

    SessionRecorder(long id, String remoteAddress, int maxTranscriptEntries) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.startedAt = Instant.now();
        this.startNanos = System.nanoTime();
        this.maxTranscriptEntries = maxTranscriptEntries;
    }

    public long id() {
        return id;
    }

    public synchronized void clientLine(String line, int batch) {
        add(Party.CLIENT, Kind.LINE, line, batch);
    }

    /**
     * Records a reply as it went on the wire: one entry per line. A line ends at CRLF; a scripted raw
     * reply may also end a line with a bare LF or not end it at all, and those lines are recorded too.
     */
    public synchronized void serverReply(String wire, int batch) {
        int start = 0;
        int end;
        while ((end = wire.indexOf('\n', start)) >= 0) {
            int lineEnd = end > start && wire.charAt(end - 1) == '\r' ? end - 1 : end;
            add(Party.SERVER, Kind.LINE, wire.substring(start, lineEnd), batch);
            start = end + 1;
        }
        if (start < wire.length()) {
            add(Party.SERVER, Kind.LINE, wire.substring(start), batch);
        }
    }

    public synchronized void content(String summary, int batch) {
        add(Party.CLIENT, Kind.CONTENT, summary, batch);
    }

    public synchronized void event(Party party, String text) {
        add(party, Kind.EVENT, text, 0);
    }

    /** Records a violation; past the per-session limit (the transcript's) further ones are not kept. */
    public synchronized void violation(Violation.Type type, String detail) {
        if (violations.size() >= maxTranscriptEntries) {
            // A pipelined flood can break a rule once per command: keep memory bounded.
            return;
        }
        violations.add(new Violation(type, detail, elapsed()));
    }

    public synchronized boolean hasViolation(Violation.Type type) {
        return violations.stream().anyMatch(violation -> violation.type() == type);
    }

    public synchronized void tls(TlsInfo info) {
        this.tls = info;
    }

    public synchronized void authenticatedAs(String user) {
        this.authenticatedAs = user;
    }

    public synchronized void ehlo(String name) {
        this.ehlo = name;
    }

    /** Records a transaction as it stands; a later call with the same index replaces it. */
    public synchronized void transaction(TransactionRecord record) {
        int position = record.index() - 1;
        if (position < transactions.size()) {
            transactions.set(position, record);
        } else {
            transactions.add(record);
        }
    }

    public synchronized void end(SessionEnd how) {
        if (endedBy == null) {
            endedBy = how;
            endedAt = Instant.now();
        }
    }

    public synchronized boolean ended() {
        return endedBy != null;
    }

    public synchronized SessionRecord snapshot() {
        return new SessionRecord(
                id,
                remoteAddress,
                startedAt,
                Optional.ofNullable(endedAt),
                Optional.ofNullable(tls),
                Optional.ofNullable(authenticatedAs),
                Optional.ofNullable(ehlo),
                transcript,
                droppedTranscriptEntries,
                violations,
                transactions,
                Optional.ofNullable(endedBy));
    }

    private void add(Party party, Kind kind, String line, int batch) {
        if (transcript.size() >= maxTranscriptEntries) {
            droppedTranscriptEntries++;
            return;
        }
        transcript.add(new TranscriptEntry(party, kind, line, elapsed(), batch));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
