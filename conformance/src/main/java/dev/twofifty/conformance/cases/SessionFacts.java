package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Observation.Exchange;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the EHLO, TLS and AUTH oracles read off a session: the extensions a command uses, the keywords
 * an EHLO reply advertised, whether a command was sent before the previous reply, where TLS started,
 * and evidence lines in the runner's format ({@code S1    12 ms C: EHLO client.test}).
 */
final class SessionFacts {

    /** Verbs that only exist as extensions (RFC 3207, RFC 4954, RFC 3030). */
    private static final Set<String> EXTENSION_VERBS = Set.of("STARTTLS", "AUTH", "BDAT");

    private SessionFacts() {}

    /** An evidence line for one transcript entry. */
    static String line(int session, TranscriptEntry entry) {
        String who = entry.kind() == TranscriptEntry.Kind.EVENT
                ? "-- "
                : entry.from() == TranscriptEntry.Party.CLIENT ? "C: " : "S: ";
        return "S" + (session + 1) + " " + String.format("%5d ms ", entry.at().toMillis()) + who + entry.line();
    }

    /** The command of an exchange and the reply lines to it, as evidence. */
    static List<String> lines(Exchange exchange) {
        List<String> lines = new ArrayList<>();
        lines.add(line(exchange.session(), exchange.command()));
        exchange.reply().forEach(entry -> lines.add(line(exchange.session(), entry)));
        return lines;
    }

    /** The command line of an exchange, as evidence. */
    static String command(Exchange exchange) {
        return line(exchange.session(), exchange.command());
    }

    /** Evidence: these exchanges (command and reply), then the outcome. */
    static List<String> evidence(Observation observation, List<Exchange> exchanges) {
        List<String> evidence = new ArrayList<>();
        exchanges.forEach(exchange -> evidence.addAll(lines(exchange)));
        evidence.add(observation.outcomeEvidence());
        return evidence;
    }

    /** Evidence: these lines, then the outcome. */
    static List<String> evidenceLines(Observation observation, List<String> lines) {
        List<String> evidence = new ArrayList<>(lines);
        evidence.add(observation.outcomeEvidence());
        return evidence;
    }

    /** Whether {@code next} was sent before the reply to {@code previous} (in the same read, or earlier). */
    static boolean sentBeforeReply(Exchange previous, Exchange next) {
        if (previous.reply().isEmpty()) {
            return true;
        }
        return next.command().batch() == previous.command().batch()
                || next.command().at().compareTo(previous.reply().get(0).at()) < 0;
    }

    /** The index of the STARTTLS answered with 220 in a session's exchanges, or -1. */
    static int tlsStart(List<Exchange> exchanges) {
        for (int i = 0; i < exchanges.size(); i++) {
            if (exchanges.get(i).verb().equals("STARTTLS") && exchanges.get(i).replyCode() == 220) {
                return i;
            }
        }
        return -1;
    }

    /** The keywords an EHLO reply advertised, in upper case, for example {@code AUTH} or {@code SIZE}. */
    static Set<String> keywords(Exchange ehlo) {
        Set<String> keywords = new HashSet<>();
        List<TranscriptEntry> reply = ehlo.reply();
        for (int i = 1; i < reply.size(); i++) {
            String text = reply.get(i).line().length() > 4 ? reply.get(i).line().substring(4) : "";
            keywords.add(text.split(" ", 2)[0].toUpperCase(Locale.ROOT));
        }
        return keywords;
    }

    /** The SASL mechanisms of the {@code AUTH} line of an EHLO reply, in upper case. */
    static Set<String> authMechanisms(Exchange ehlo) {
        Set<String> mechanisms = new HashSet<>();
        List<TranscriptEntry> reply = ehlo.reply();
        for (int i = 1; i < reply.size(); i++) {
            String text = reply.get(i).line().length() > 4 ? reply.get(i).line().substring(4) : "";
            String[] words = text.toUpperCase(Locale.ROOT).split(" +");
            if (words[0].equals("AUTH")) {
                mechanisms.addAll(List.of(words).subList(1, words.length));
            }
        }
        return mechanisms;
    }

    /** The mechanism of an AUTH command, in upper case, or "" when it has none. */
    static String mechanism(Exchange auth) {
        String[] words = auth.command().line().trim().split(" +");
        return words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    }

    /** Whether an AUTH command carries an initial response. */
    static boolean hasInitialResponse(Exchange auth) {
        return auth.command().line().trim().split(" +").length > 2;
    }

    /**
     * The extensions a command uses: {@code STARTTLS}, {@code AUTH}, {@code BDAT}, and each MAIL or RCPT
     * parameter as {@code parameter NAME}.
     */
    static List<String> extensionUses(Exchange exchange) {
        String verb = exchange.verb();
        if (EXTENSION_VERBS.contains(verb)) {
            return List.of(verb);
        }
        if (!verb.equals("MAIL") && !verb.equals("RCPT")) {
            return List.of();
        }
        String line = exchange.command().line();
        int close = line.indexOf('>');
        String parameters = close < 0 ? "" : line.substring(close + 1).trim();
        List<String> uses = new ArrayList<>();
        for (String parameter : parameters.isEmpty() ? new String[0] : parameters.split(" +")) {
            uses.add("parameter " + parameter.split("=", 2)[0].toUpperCase(Locale.ROOT));
        }
        return uses;
    }

    /** The transcript entries of a session that are events, for example {@code TLS established: ...}. */
    static List<TranscriptEntry> events(SessionRecord session) {
        return session.transcript().stream()
                .filter(entry -> entry.kind() == TranscriptEntry.Kind.EVENT)
                .toList();
    }

    /** The first event of a session that starts with this text. */
    static Optional<TranscriptEntry> event(SessionRecord session, String prefix) {
        return events(session).stream()
                .filter(entry -> entry.line().startsWith(prefix))
                .findFirst();
    }

    /** Whether a session's client spoke first with a successful EHLO or HELO before this exchange index. */
    static boolean greetedBefore(List<Exchange> exchanges, int index) {
        boolean greeted = false;
        for (int i = 0; i < index; i++) {
            Exchange exchange = exchanges.get(i);
            if ((exchange.verb().equals("EHLO") || exchange.verb().equals("HELO")) && exchange.replyCode() == 250) {
                greeted = true;
            } else if (exchange.verb().equals("STARTTLS") && exchange.replyCode() == 220) {
                greeted = false;
            }
        }
        return greeted;
    }

    /**
     * From this exchange index on, what the client used that the current greeting did not offer: mail
     * commands and extensions before any successful EHLO or HELO, extension verbs and parameters not in
     * the current EHLO reply (nothing after HELO), AUTH mechanisms not in its AUTH line, and commands sent
     * before the previous reply without PIPELINING. Each entry is an evidence line with the reason.
     */
    static List<String> unadvertisedFrom(List<Exchange> exchanges, int from) {
        List<String> offending = new ArrayList<>();
        Set<String> keywords = null;
        Set<String> mechanisms = Set.of();
        for (int i = from; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            String verb = exchange.verb();
            if (verb.isEmpty()) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            if (keywords == null && MAIL_VERBS.contains(verb)) {
                problems.add(verb + " before a successful EHLO or HELO");
            }
            for (String use : extensionUses(exchange)) {
                String needs = use.startsWith("parameter ")
                        ? keywordFor(use.substring(10))
                        : use.equals("BDAT") ? "CHUNKING" : use;
                if (keywords == null || !keywords.contains(needs)) {
                    problems.add(use + (keywords == null ? " without a greeting" : " not offered"));
                } else if (use.equals("AUTH") && !mechanisms.contains(mechanism(exchange))) {
                    problems.add("AUTH " + mechanism(exchange) + " not among " + new java.util.TreeSet<>(mechanisms));
                }
            }
            boolean pipelining = keywords != null && keywords.contains("PIPELINING");
            if (i > from && !pipelining && sentBeforeReply(exchanges.get(i - 1), exchange)) {
                problems.add("sent before the previous reply without PIPELINING");
            }
            if (!problems.isEmpty()) {
                offending.add(command(exchange) + "   <- " + String.join(", ", problems));
            }
            if (verb.equals("EHLO") && exchange.replyCode() == 250) {
                keywords = keywords(exchange);
                mechanisms = authMechanisms(exchange);
            } else if (verb.equals("HELO") && exchange.replyCode() == 250) {
                keywords = Set.of();
                mechanisms = Set.of();
            }
        }
        return offending;
    }

    private static final Set<String> MAIL_VERBS = Set.of("MAIL", "RCPT", "DATA", "BDAT", "AUTH");

    /** The EHLO keyword a MAIL or RCPT parameter needs. */
    static String keywordFor(String parameter) {
        return switch (parameter) {
            case "BODY" -> "8BITMIME";
            case "RET", "ENVID", "NOTIFY", "ORCPT" -> "DSN";
            default -> parameter;
        };
    }

    /**
     * The server's own record of commands sent before the reply to the previous one (it sees them as they
     * arrive, even while a reply is held), from this time on, for one session: evidence lines.
     */
    static List<String> earlyCommands(Observation observation, int session, java.time.Duration from) {
        List<String> early = new ArrayList<>();
        for (dev.twofifty.journal.Violation violation :
                observation.sessions().get(session).violations()) {
            boolean pipelined =
                    violation.type() == dev.twofifty.journal.Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND
                            || violation.type() == dev.twofifty.journal.Violation.Type.PIPELINING_NOT_ADVERTISED;
            if (pipelined && violation.at().compareTo(from) >= 0) {
                early.add("S" + (session + 1) + " violation: " + violation.detail());
            }
        }
        return early;
    }
}
