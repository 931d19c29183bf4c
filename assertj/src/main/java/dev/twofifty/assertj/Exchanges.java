package dev.twofifty.assertj;

import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.TranscriptEntry.Kind;
import dev.twofifty.journal.TranscriptEntry.Party;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pairs a transcript's client lines with the server's replies. The server records each reply right
 * after the line it answers (also when the client pipelines), so the reply to a client line is the
 * first run of server lines after it; BDAT chunk content belongs to its BDAT line, message content
 * ending with the final dot gets the end-of-data reply, and a reply that answers no line (the
 * greeting, an idle timeout) stands alone.
 */
final class Exchanges {

    private Exchanges() {}

    /**
     * One step and its reply.
     *
     * @param client the client line or content entry; {@code null} for a reply to no line
     * @param reply the reply lines, empty when no reply was recorded (a fault, a stall)
     * @param position the index in the transcript of the step (or of the reply when there is no step)
     * @param first whether this is the first exchange of the session
     */
    record Exchange(TranscriptEntry client, List<String> reply, int position, boolean first) {

        /** The reply code, or -1 when there is no reply or it does not start with three digits. */
        int code() {
            if (reply.isEmpty()) {
                return -1;
            }
            String line = reply.get(0);
            if (line.length() < 3) {
                return -1;
            }
            for (int i = 0; i < 3; i++) {
                if (!Character.isDigit(line.charAt(i))) {
                    return -1;
                }
            }
            return Integer.parseInt(line.substring(0, 3));
        }

        /** The verb of a client command line in upper case; empty for content, SASL responses and replies alone. */
        String verb() {
            if (client == null || client.kind() != Kind.LINE) {
                return "";
            }
            String line = client.line();
            int space = line.indexOf(' ');
            String verb = space < 0 ? line : line.substring(0, space);
            return !verb.isEmpty() && verb.chars().allMatch(Character::isLetter) ? verb.toUpperCase(Locale.ROOT) : "";
        }

        /** Whether the step is message content ended by the final dot. */
        boolean isEndOfData() {
            return client != null && client.kind() == Kind.CONTENT;
        }

        /** Whether the step is {@code BDAT ... LAST}. */
        boolean isLastChunk() {
            return verb().equals("BDAT")
                    && client.line().toUpperCase(Locale.ROOT).matches("BDAT\\s+\\d+\\s+LAST\\s*");
        }

        /** What the step was, for summaries: a verb, {@code end of data}, {@code AUTH response}, {@code greeting}. */
        String label() {
            if (client == null) {
                return first ? "greeting" : "unsolicited reply";
            }
            if (client.kind() == Kind.CONTENT) {
                return "end of data";
            }
            String verb = verb();
            return verb.isEmpty() ? "AUTH response" : verb;
        }

        /** The step and its reply in one line: {@code RCPT TO:<a@x> -> 550 5.1.1 No such user}. */
        String describe() {
            String step = client == null ? label() : client.line();
            return step + " -> " + replyText();
        }

        /** The reply in one line: its first line, with the count of further lines. */
        String replyText() {
            if (reply.isEmpty()) {
                return "no reply";
            }
            return reply.size() == 1 ? reply.get(0) : reply.get(0) + " (+" + (reply.size() - 1) + " lines)";
        }
    }

    /** The exchanges of a transcript, in order. */
    static List<Exchange> of(List<TranscriptEntry> transcript) {
        List<Exchange> exchanges = new ArrayList<>();
        TranscriptEntry client = null;
        int position = -1;
        List<String> reply = new ArrayList<>();
        boolean complete = false;
        boolean open = false;
        for (int i = 0; i < transcript.size(); i++) {
            TranscriptEntry entry = transcript.get(i);
            boolean chunk = entry.from() == Party.CLIENT && entry.kind() == Kind.CONTENT;
            if (entry.isClientLine()
                    || (chunk && !(open && client != null && client.isClientLine() && reply.isEmpty()))) {
                if (open) {
                    exchanges.add(new Exchange(client, List.copyOf(reply), position, exchanges.isEmpty()));
                }
                client = entry;
                position = i;
                reply.clear();
                complete = false;
                open = true;
            } else if (entry.isServerLine()) {
                if (!open || complete) {
                    if (open) {
                        exchanges.add(new Exchange(client, List.copyOf(reply), position, exchanges.isEmpty()));
                    }
                    client = null;
                    position = i;
                    reply.clear();
                    open = true;
                }
                reply.add(entry.line());
                complete = entry.line().length() < 4 || entry.line().charAt(3) != '-';
            }
        }
        if (open) {
            exchanges.add(new Exchange(client, List.copyOf(reply), position, exchanges.isEmpty()));
        }
        return exchanges;
    }
}
