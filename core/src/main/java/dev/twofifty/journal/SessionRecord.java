package dev.twofifty.journal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one SMTP session (one connection): who connected, what was negotiated, every line
 * exchanged, the transactions, the client's protocol violations and how it ended. Snapshots of open
 * sessions are taken at the time of the call and do not change afterwards.
 *
 * @param id the 1-based number of the session on its server, in order of connection
 * @param remoteAddress the client's address and port, for example {@code 127.0.0.1:51234}
 * @param startedAt when the connection was accepted
 * @param endedAt when it ended; empty while open
 * @param tls the negotiated TLS, if any
 * @param authenticatedAs the user name of a successful AUTH, if any
 * @param ehlo the name the client gave in its last EHLO or HELO, if any
 * @param transcript every line and event, in order
 * @param droppedTranscriptEntries entries over the per-session limit, counted and not kept
 * @param violations the client's protocol violations, in order
 * @param transactions the mail transactions, in order
 * @param endedBy how the session ended; empty while open
 */
public record SessionRecord(
        long id,
        String remoteAddress,
        Instant startedAt,
        Optional<Instant> endedAt,
        Optional<TlsInfo> tls,
        Optional<String> authenticatedAs,
        Optional<String> ehlo,
        List<TranscriptEntry> transcript,
        int droppedTranscriptEntries,
        List<Violation> violations,
        List<TransactionRecord> transactions,
        Optional<SessionEnd> endedBy) {

    public SessionRecord {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(authenticatedAs, "authenticatedAs");
        Objects.requireNonNull(ehlo, "ehlo");
        transcript = List.copyOf(transcript);
        violations = List.copyOf(violations);
        transactions = List.copyOf(transactions);
        Objects.requireNonNull(endedBy, "endedBy");
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return endedBy.isEmpty();
    }

    /** The lines the client sent (commands and masked SASL responses), in order. */
    public List<String> clientLines() {
        return transcript.stream()
                .filter(TranscriptEntry::isClientLine)
                .map(TranscriptEntry::line)
                .toList();
    }

    /** The reply lines the server sent, in order. */
    public List<String> serverLines() {
        return transcript.stream()
                .filter(TranscriptEntry::isServerLine)
                .map(TranscriptEntry::line)
                .toList();
    }

    /** The verbs of the client's command lines in upper case, in order, for example {@code [EHLO, MAIL, RCPT, DATA, QUIT]}. */
    public List<String> commands() {
        return transcript.stream()
                .filter(TranscriptEntry::isClientLine)
                .map(entry -> verbOf(entry.line()))
                .filter(verb -> !verb.isEmpty())
                .toList();
    }

    /** The ids of the messages accepted in this session, in order. */
    public List<Long> messageIds() {
        return transactions.stream()
                .flatMap(transaction -> transaction.messageId().stream())
                .toList();
    }

    /** The transcript as text, one entry per line, for failure messages and logs. */
    public String transcriptText() {
        StringBuilder out = new StringBuilder();
        out.append("Session ").append(id).append(" from ").append(remoteAddress).append('\n');
        transcript.forEach(entry -> out.append(entry).append('\n'));
        if (droppedTranscriptEntries > 0) {
            out.append("... ").append(droppedTranscriptEntries).append(" more entries not kept\n");
        }
        return out.toString();
    }

    private static String verbOf(String line) {
        if (line.equals("****") || line.equals("*")) {
            return "";
        }
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        return verb.chars().allMatch(Character::isLetter) ? verb.toUpperCase(Locale.ROOT) : "";
    }
}
