package dev.twofifty.conformance;

import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Everything a case's run left behind, for its oracle: the sessions (transcripts with timing and
 * batches), the accepted messages, and the client's outcomes. The helpers answer the questions oracles
 * ask most ("did the client send MAIL after the 554?") and format evidence lines.
 *
 * @param request what the client was asked to send
 * @param outcomes what the client reported, one per message
 * @param sessions the sessions, in connection order, all ended
 * @param messages the messages the server accepted
 * @param elapsed how long the client took
 * @param scale the time scale of the run
 * @param leftOpen the ids of the sessions the client still held open after it returned and a moment to close
 *     them had passed: the runner's server closed those, so their end says nothing about the client's close
 */
public record Observation(
        MailRequest request,
        List<Outcome> outcomes,
        List<SessionRecord> sessions,
        List<ReceivedMessage> messages,
        Duration elapsed,
        TimeScale scale,
        Set<Long> leftOpen) {

    public Observation {
        Objects.requireNonNull(request, "request");
        outcomes = List.copyOf(outcomes);
        sessions = List.copyOf(sessions);
        messages = List.copyOf(messages);
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(scale, "scale");
        leftOpen = Set.copyOf(leftOpen);
    }

    /** Whether the client still held session {@code index} (0-based) open when it was done. */
    public boolean leftOpen(int index) {
        return leftOpen.contains(sessions.get(index).id());
    }

    /** One client command (or SASL line) and the server lines that answered it. */
    public record Exchange(int session, TranscriptEntry command, List<TranscriptEntry> reply) {

        /** The command's verb in upper case, for example {@code MAIL}; empty for SASL lines. */
        public String verb() {
            return verbOf(command.line());
        }

        /** The code of the reply to the command (its first line), or 0 when the server did not answer. */
        public int replyCode() {
            return reply.isEmpty() ? 0 : codeOf(reply.get(0).line());
        }

        /**
         * The code of the last server line before the next command: for DATA with content, the reply to the
         * end of data; otherwise the same as {@link #replyCode()}.
         */
        public int finalCode() {
            return reply.isEmpty() ? 0 : codeOf(reply.get(reply.size() - 1).line());
        }

        /** Whether this is DATA answered with 354 and then, after the content, with a final reply. */
        public boolean dataCompleted() {
            return verb().equals("DATA") && replyCode() == 354 && reply.size() > 1 && finalCode() != 354;
        }

        private static int codeOf(String line) {
            return line.length() >= 3 && line.substring(0, 3).chars().allMatch(Character::isDigit)
                    ? Integer.parseInt(line.substring(0, 3))
                    : 0;
        }
    }

    /** The first outcome (most cases send one message). */
    public Outcome outcome() {
        return outcomes.isEmpty() ? Outcome.unknown("no outcome") : outcomes.get(0);
    }

    /** The first session, or an empty one when the client never connected. */
    public Optional<SessionRecord> firstSession() {
        return sessions.stream().findFirst();
    }

    /** Every client command line (not message content, SASL lines masked), over all sessions, in order. */
    public List<String> clientLines() {
        List<String> lines = new ArrayList<>();
        sessions.forEach(session -> lines.addAll(session.clientLines()));
        return lines;
    }

    /** The verbs of the client's commands over all sessions, in order, for example {@code [EHLO, MAIL, QUIT]}. */
    public List<String> verbs() {
        return exchanges().stream()
                .map(Exchange::verb)
                .filter(verb -> !verb.isEmpty())
                .toList();
    }

    /** Whether the client sent a command with this verb in any session. */
    public boolean sent(String verb) {
        return verbs().contains(verb.toUpperCase(Locale.ROOT));
    }

    /** Every command with the replies to it, over all sessions, in order. */
    public List<Exchange> exchanges() {
        List<Exchange> exchanges = new ArrayList<>();
        for (int index = 0; index < sessions.size(); index++) {
            exchanges.addAll(exchanges(index));
        }
        return exchanges;
    }

    /** The commands of one session (0-based) with the replies to them. */
    public List<Exchange> exchanges(int sessionIndex) {
        List<Exchange> exchanges = new ArrayList<>();
        TranscriptEntry command = null;
        List<TranscriptEntry> reply = new ArrayList<>();
        for (TranscriptEntry entry : sessions.get(sessionIndex).transcript()) {
            if (entry.isClientLine()) {
                if (command != null) {
                    exchanges.add(new Exchange(sessionIndex, command, reply));
                }
                command = entry;
                reply = new ArrayList<>();
            } else if (entry.isServerLine() && command != null) {
                reply.add(entry);
            }
        }
        if (command != null) {
            exchanges.add(new Exchange(sessionIndex, command, reply));
        }
        return exchanges;
    }

    /** The first exchange whose command has this verb. */
    public Optional<Exchange> first(String verb) {
        return exchanges().stream()
                .filter(exchange -> exchange.verb().equalsIgnoreCase(verb))
                .findFirst();
    }

    /** The client lines of a session sent after the first server line matching the pattern. */
    public List<String> clientLinesAfterServerLine(int sessionIndex, Pattern serverLine) {
        List<String> after = new ArrayList<>();
        boolean seen = false;
        for (TranscriptEntry entry : sessions.get(sessionIndex).transcript()) {
            if (!seen
                    && entry.isServerLine()
                    && serverLine.matcher(entry.line()).matches()) {
                seen = true;
            } else if (seen && entry.isClientLine()) {
                after.add(entry.line());
            }
        }
        return after;
    }

    /** Whether any session's transcript has a client line matching the predicate. */
    public boolean anyClientLine(Predicate<String> test) {
        return clientLines().stream().anyMatch(test);
    }

    /** A session's transcript as evidence lines, for example {@code S1 C: EHLO client.example}. */
    public List<String> transcript(int sessionIndex) {
        return sessions.get(sessionIndex).transcript().stream()
                .filter(entry -> entry.kind() != TranscriptEntry.Kind.EVENT || isRelevantEvent(entry))
                .map(entry -> evidence(sessionIndex, entry))
                .toList();
    }

    /** Every session's transcript as evidence lines. */
    public List<String> transcript() {
        List<String> lines = new ArrayList<>();
        for (int index = 0; index < sessions.size(); index++) {
            lines.addAll(transcript(index));
        }
        return lines;
    }

    /** An evidence line for an outcome: {@code outcome: PERMANENT(554): ...}. */
    public String outcomeEvidence() {
        return "outcome: "
                + outcomes.stream()
                        .map(Outcome::toString)
                        .reduce((a, b) -> a + " | " + b)
                        .orElse("none");
    }

    /** Evidence: the given exchanges, formatted, then the outcome. */
    public List<String> evidence(List<Exchange> exchanges) {
        List<String> lines = new ArrayList<>();
        for (Exchange exchange : exchanges) {
            lines.add(evidence(exchange.session(), exchange.command()));
            exchange.reply().forEach(line -> lines.add(evidence(exchange.session(), line)));
        }
        lines.add(outcomeEvidence());
        return lines;
    }

    /** Evidence: the whole transcript (all sessions), then the outcome. */
    public List<String> fullEvidence() {
        List<String> lines = new ArrayList<>(transcript());
        lines.add(outcomeEvidence());
        return lines;
    }

    private static boolean isRelevantEvent(TranscriptEntry entry) {
        String line = entry.line();
        return line.startsWith("connection closed") || line.startsWith("TLS") || line.startsWith("fault");
    }

    private static String evidence(int sessionIndex, TranscriptEntry entry) {
        String who = switch (entry.kind()) {
            case LINE -> entry.from() == TranscriptEntry.Party.CLIENT ? "C: " : "S: ";
            case CONTENT -> "C: ";
            case EVENT -> "-- ";
        };
        return "S" + (sessionIndex + 1) + " "
                + String.format("%5d ms ", entry.at().toMillis()) + who + entry.line();
    }

    static String verbOf(String line) {
        if (line.equals("****") || line.equals("*")) {
            return "";
        }
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        return verb.chars().allMatch(Character::isLetter) ? verb.toUpperCase(Locale.ROOT) : "";
    }
}
