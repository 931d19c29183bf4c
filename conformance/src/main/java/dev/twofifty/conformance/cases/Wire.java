package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.Observation;
import dev.twofifty.journal.TranscriptEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a session's transcript the way RFC 2920 §3.1 asks a pipelining client to: each complete reply
 * (up to its last line) answers the oldest command still waiting, so commands and replies pair up
 * even when the client sent several commands before reading. Message content counts as a command
 * of its own: its reply is the reply to the end of data.
 */
final class Wire {

    private static final Pattern CONTENT_OCTETS = Pattern.compile("\\[message content: (\\d+) octets]");

    private Wire() {}

    /** The session's commands (and message contents), each with its complete reply, in the order sent. */
    static List<Observation.Exchange> paired(Observation observation, int session) {
        List<Observation.Exchange> exchanges = new ArrayList<>();
        Deque<TranscriptEntry> waiting = new ArrayDeque<>();
        List<TranscriptEntry> reply = new ArrayList<>();
        for (TranscriptEntry entry : observation.sessions().get(session).transcript()) {
            if (entry.from() == TranscriptEntry.Party.CLIENT && entry.kind() != TranscriptEntry.Kind.EVENT) {
                waiting.add(entry);
            } else if (entry.isServerLine() && !waiting.isEmpty()) {
                reply.add(entry);
                if (isLastLine(entry.line())) {
                    exchanges.add(new Observation.Exchange(session, waiting.poll(), List.copyOf(reply)));
                    reply.clear();
                }
            }
        }
        for (TranscriptEntry unanswered : waiting) {
            exchanges.add(new Observation.Exchange(session, unanswered, List.copyOf(reply)));
            reply.clear();
        }
        return exchanges;
    }

    /** Whether a reply line ends its reply: anything but {@code xyz-...} does. */
    static boolean isLastLine(String line) {
        return line.length() < 4 || line.charAt(3) != '-';
    }

    /** The verb of an exchange, or {@code CONTENT} for message content. */
    static String verb(Observation.Exchange exchange) {
        return exchange.command().kind() == TranscriptEntry.Kind.CONTENT ? "CONTENT" : exchange.verb();
    }

    /** How many octets of message content an exchange for content carried, or -1 for other exchanges. */
    static long contentOctets(Observation.Exchange exchange) {
        Matcher matcher = CONTENT_OCTETS.matcher(exchange.command().line());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Whether the command's line (in upper case) contains this text, for example {@code " SMTPUTF8"}. */
    static boolean contains(Observation.Exchange exchange, String upperCaseText) {
        return exchange.command().line().toUpperCase(Locale.ROOT).contains(upperCaseText);
    }

    /** An evidence line for one transcript entry of a session, as {@link Observation#transcript(int)} writes it. */
    static String evidence(int session, TranscriptEntry entry) {
        String who = entry.kind() == TranscriptEntry.Kind.EVENT
                ? "-- "
                : entry.from() == TranscriptEntry.Party.SERVER ? "S: " : "C: ";
        return "S" + (session + 1) + " " + String.format("%5d ms ", entry.at().toMillis()) + who + entry.line();
    }

    /** Evidence lines for an exchange: the command, then its reply lines. */
    static List<String> evidence(Observation.Exchange exchange) {
        List<String> lines = new ArrayList<>();
        lines.add(evidence(exchange.session(), exchange.command()));
        exchange.reply().forEach(line -> lines.add(evidence(exchange.session(), line)));
        return lines;
    }

    /**
     * Per session, the MAIL commands sent while a mail transaction was still open (RFC 5321 §4.1.4): after
     * a 2xx to MAIL and before the end of its data, a 2xx to RSET, EHLO or HELO.
     */
    static List<Observation.Exchange> mailsInsideOpenTransactions(Observation observation) {
        List<Observation.Exchange> offending = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            boolean open = false;
            for (Observation.Exchange exchange : paired(observation, session)) {
                int code = exchange.replyCode();
                switch (verb(exchange)) {
                    case "MAIL" -> {
                        if (open) {
                            offending.add(exchange);
                        }
                        open = open || code / 100 == 2;
                    }
                    case "RSET", "EHLO", "HELO" -> open = open && code / 100 != 2;
                    case "CONTENT" -> open = false;
                    default -> {}
                }
            }
        }
        return offending;
    }

    /** Whether the session ended because the client closed it (as opposed to QUIT, the server or a fault). */
    static boolean closedByClient(Observation observation, int session) {
        return observation
                .sessions()
                .get(session)
                .endedBy()
                .map(end -> end == dev.twofifty.journal.SessionEnd.CLIENT_CLOSE)
                .orElse(false);
    }

    /** The violations of these types the server recorded, over all sessions, as evidence lines. */
    static List<String> violations(Observation observation, java.util.Set<dev.twofifty.journal.Violation.Type> types) {
        List<String> lines = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            for (dev.twofifty.journal.Violation violation :
                    observation.sessions().get(session).violations()) {
                if (types.contains(violation.type())) {
                    lines.add("S" + (session + 1) + " "
                            + String.format("%5d ms ", violation.at().toMillis()) + "violation: " + violation.detail());
                }
            }
        }
        return lines;
    }

    /** The events of a session whose text starts with this prefix, as evidence lines. */
    static List<String> events(Observation observation, int session, String prefix) {
        return observation.sessions().get(session).transcript().stream()
                .filter(entry -> entry.kind() == TranscriptEntry.Kind.EVENT
                        && entry.line().startsWith(prefix))
                .map(entry -> evidence(session, entry))
                .toList();
    }
}
