package dev.twofifty.assertj.error;

import dev.twofifty.FakeSmtp;
import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Renders the objects under test for failure messages: short, one line each, stable across runs. */
final class Describe {

    /** The line separator AssertJ's {@code %n} produces, for text built outside a format string. */
    static final String NL = System.lineSeparator();

    /** The indentation of values under a heading, as in AssertJ's messages. */
    static final String INDENT = "  ";

    private Describe() {}

    /** The object under test, in one line (a transcript takes one line per entry). */
    static String actual(Object actual) {
        if (actual instanceof FakeSmtp smtp) {
            return smtp.toString();
        }
        if (actual instanceof Journal journal) {
            return "journal with " + count(journal.messages().size(), "message") + " and "
                    + count(journal.sessions().size(), "session");
        }
        if (actual instanceof ReceivedMessage message) {
            return message(message);
        }
        if (actual instanceof SessionRecord session) {
            return session(session);
        }
        if (actual instanceof Envelope envelope) {
            return "envelope " + envelope;
        }
        if (actual instanceof List<?> list && list.stream().allMatch(TranscriptEntry.class::isInstance)) {
            return list.isEmpty()
                    ? "an empty transcript"
                    : cast(list).stream().map(Object::toString).collect(Collectors.joining(NL + INDENT));
        }
        return String.valueOf(actual);
    }

    /** A message in one line: {@code message 1 from <a@x> to <b@y>, subject "Hi"}. */
    static String message(ReceivedMessage message) {
        String subject =
                message.parsed().subject().map(s -> "subject \"" + s + "\"").orElse("no subject");
        return "message " + message.id() + " from " + sender(message.envelope()) + " to "
                + recipients(message.envelope()) + ", " + subject;
    }

    /** Messages one per line, indented, each with its 0-based index as {@code message(int)} takes it. */
    static String messages(List<ReceivedMessage> messages) {
        return indexed(messages, Describe::message);
    }

    /** Each message's index and id with a detail of it: {@code [0] message 1: <a@x>}. */
    static String messages(List<ReceivedMessage> messages, Function<ReceivedMessage, String> detail) {
        return indexed(messages, message -> "message " + message.id() + ": " + detail.apply(message));
    }

    /** The envelope sender in angle brackets; {@code <>} for the null sender. */
    static String sender(Envelope envelope) {
        return "<" + envelope.sender() + ">";
    }

    /** The envelope recipients in angle brackets, comma-separated; {@code no recipients} when none. */
    static String recipients(Envelope envelope) {
        if (envelope.recipients().isEmpty()) {
            return "no recipients";
        }
        return envelope.recipients().stream()
                .map(Recipient::forwardPath)
                .map(Object::toString)
                .collect(Collectors.joining(", "));
    }

    /** A session in one line: {@code session 1 from 127.0.0.1:5555}. */
    static String session(SessionRecord session) {
        return "session " + session.id() + " from " + session.remoteAddress();
    }

    /** A session with its commands and how it ended, in one line. */
    static String sessionSummary(SessionRecord session) {
        return session(session) + ": " + session.commands() + ", "
                + session.endedBy().map(end -> "ended by " + end).orElse("still open");
    }

    /** Sessions one per line, indented, each with its 0-based index as {@code session(int)} takes it. */
    static String sessions(List<SessionRecord> sessions) {
        return indexed(sessions, Describe::sessionSummary);
    }

    /** Lines indented and joined with the platform's line separator. */
    static String lines(List<String> lines) {
        return lines.stream().map(line -> INDENT + line).collect(Collectors.joining(NL));
    }

    /** Lines indented twice: for details under an indented heading. */
    static String subLines(List<String> lines) {
        return lines.stream().map(line -> INDENT + INDENT + line).collect(Collectors.joining(NL));
    }

    /** A count with its noun: {@code 1 message}, {@code 2 messages}, {@code no messages}. */
    static String count(long count, String noun) {
        return count == 0 ? "no " + noun + "s" : count + " " + noun + (count == 1 ? "" : "s");
    }

    /** A duration for people: {@code 300 ms}, {@code 5 s}, {@code 1.5 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : (millis / 100) / 10.0 + " s";
    }

    /** Text in double quotes with CR, LF and TAB made visible, for comparisons where line ends matter. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static <T> String indexed(List<T> items, Function<T, String> render) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(NL);
            }
            out.append(INDENT).append('[').append(i).append("] ").append(render.apply(items.get(i)));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<TranscriptEntry> cast(List<?> list) {
        return (List<TranscriptEntry>) list;
    }
}
