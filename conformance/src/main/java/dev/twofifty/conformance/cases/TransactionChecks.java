package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Rules.onAnyStep;

import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks and scripts shared by the mail-transaction phases (§2.5 to §2.8): a case's variants run one per
 * session (request {@code i} on session {@code i}), so most checks look at one session and its outcome.
 */
final class TransactionChecks {

    /** The verbs a client sends as commands; any other client line in command mode is message content. */
    static final Set<String> VERBS = Set.of(
            "HELO",
            "EHLO",
            "MAIL",
            "RCPT",
            "DATA",
            "BDAT",
            "RSET",
            "NOOP",
            "QUIT",
            "VRFY",
            "EXPN",
            "HELP",
            "STARTTLS",
            "AUTH");

    private TransactionChecks() {}

    /**
     * A 421 at a step, in two variants: in session {@code closing} the server replies 421 and closes, as
     * servers do; in session {@code open} it replies 421 (a 451 for its own state) and keeps the connection
     * open until the client's next command, which it records and then closes, so what the client does after
     * a 421 can be seen.
     */
    static Rule[] reply421(Rule step, String enhanced, String text, int closing, int open, String scenario) {
        return new Rule[] {
            step.matching(sessionNumber(closing)).willReply(421, enhanced, text),
            step.matching(sessionNumber(open))
                    .willReply(451, enhanced, text)
                    .willReplyRaw("421 " + enhanced + " " + text + "\r\n")
                    .inScenario(scenario)
                    .willSetStateTo("421 sent"),
            onAnyStep()
                    .matching(sessionNumber(open))
                    .inScenario(scenario)
                    .whenScenarioStateIs("421 sent")
                    .willFault(Fault.close())
                    .atPriority(1)
        };
    }

    /**
     * After a 421, no command but QUIT: transaction commands or content are a FAIL (the session is over),
     * other commands a WARN. Commands pipelined with the one the 421 answered are not counted.
     */
    static Judgement nothingAfter421(Observation observation) {
        List<Observation.Exchange> transactional = new ArrayList<>();
        List<Observation.Exchange> others = new ArrayList<>();
        for (int index = 0; index < observation.sessions().size(); index++) {
            List<Observation.Exchange> exchanges = observation.exchanges(index);
            int answeredBatch = -1;
            for (Observation.Exchange exchange : exchanges) {
                boolean after = answeredBatch >= 0 && exchange.command().batch() != answeredBatch;
                String verb = exchange.verb();
                if (after && !verb.equals("QUIT")) {
                    if (Set.of("RCPT", "DATA", "BDAT", "").contains(verb)) {
                        transactional.add(exchange);
                    } else {
                        others.add(exchange);
                    }
                }
                if (answeredBatch < 0 && answeredWith421(exchange)) {
                    answeredBatch = exchange.command().batch();
                }
            }
        }
        if (!transactional.isEmpty()) {
            return new Judgement(
                    Verdict.FAIL,
                    "after a 421 the client went on with " + lines(transactional),
                    observation.fullEvidence());
        }
        return Judgement.require(
                others.isEmpty(),
                Level.SHOULD,
                "after the 421 the client sent nothing but QUIT",
                "after a 421 the client sent " + lines(others) + "; the server is closing, only QUIT makes sense",
                observation.fullEvidence());
    }

    private static boolean answeredWith421(Observation.Exchange exchange) {
        return exchange.reply().stream().anyMatch(line -> line.line().startsWith("421"));
    }

    /**
     * Every outcome is TRANSIENT (MUST), with the code 421 rather than a lost connection (SHOULD; not judged for a
     * client that reports no codes).
     */
    static Judgement transient421(Observation observation) {
        Judgement judgement = Judgement.pass("the client reported the 421 as temporary", outcomeEvidence(observation));
        for (Outcome outcome : observation.outcomes()) {
            if (outcome.kind() != Outcome.Kind.TRANSIENT) {
                return new Judgement(
                        Verdict.FAIL,
                        "the client reported " + outcome.label() + " after a 421; TRANSIENT is required",
                        observation.fullEvidence());
            }
            if (outcome.code() != 421 && outcome.hasCode()) {
                judgement = judgement.and(new Judgement(
                        Verdict.WARN,
                        "the client reported " + outcome.label() + " instead of the server's 421",
                        outcomeEvidence(observation)));
            }
        }
        return judgement;
    }

    /**
     * Outcome {@code i} (of request {@code i}) has the class of the code scripted for it: 2yz DELIVERED, 4yz
     * TRANSIENT, 5yz PERMANENT.
     */
    static Judgement outcomesByClass(Observation observation, int... codes) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            Outcome outcome =
                    i < observation.outcomes().size() ? observation.outcomes().get(i) : Outcome.unknown("no outcome");
            Outcome.Kind expected = kindOf(codes[i]);
            if (outcome.kind() != expected) {
                wrong.add(codes[i] + " reported as " + outcome.label());
            }
        }
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "each reply was reported by its class: " + labels(observation),
                "the client misreported the reply class: " + String.join("; ", wrong),
                outcomeEvidence(observation));
    }

    /** The outcome kind a reply code calls for. */
    static Outcome.Kind kindOf(int code) {
        return switch (code / 100) {
            case 2 -> Outcome.Kind.DELIVERED;
            case 4 -> Outcome.Kind.TRANSIENT;
            default -> Outcome.Kind.PERMANENT;
        };
    }

    /**
     * After DATA got something other than 354, no message content: the next lines must be commands
     * (RFC 5321 §3.3, MUST); content would be read as commands.
     */
    static Judgement noContentAfterRefusedData(Observation observation) {
        List<Observation.Exchange> content = new ArrayList<>();
        for (int index = 0; index < observation.sessions().size(); index++) {
            boolean refused = false;
            for (Observation.Exchange exchange : observation.exchanges(index)) {
                if (refused && !VERBS.contains(exchange.verb()) && !isSasl(exchange)) {
                    content.add(exchange);
                    continue;
                }
                refused = exchange.verb().equals("DATA") && exchange.replyCode() != 354;
            }
        }
        return Judgement.require(
                content.isEmpty(),
                Level.MUST,
                "no message content followed a refused DATA",
                "the client sent message content after DATA was refused: " + lines(content),
                observation.fullEvidence());
    }

    /** In any session, the verb was sent more often than allowed (an immediate retry on the same connection). */
    static List<String> repeatedInSession(Observation observation, String verb, int allowed) {
        List<String> sessions = new ArrayList<>();
        for (int index = 0; index < observation.sessions().size(); index++) {
            long count = observation.exchanges(index).stream()
                    .filter(exchange -> exchange.verb().equals(verb))
                    .count();
            if (count > allowed) {
                sessions.add("session " + (index + 1) + ": " + count + " × " + verb);
            }
        }
        return sessions;
    }

    /** The messages the server accepted in the i-th session (0-based). */
    static List<ReceivedMessage> messagesOfSession(Observation observation, int index) {
        if (index >= observation.sessions().size()) {
            return List.of();
        }
        long id = observation.sessions().get(index).id();
        return observation.messages().stream()
                .filter(message -> message.sessionId() == id)
                .toList();
    }

    /** The outcome of request i, or UNKNOWN. */
    static Outcome outcome(Observation observation, int index) {
        return index < observation.outcomes().size()
                ? observation.outcomes().get(index)
                : Outcome.unknown("no outcome");
    }

    /** The client command lines of all sessions that start with this prefix, ignoring case. */
    static List<String> clientLinesStartingWith(Observation observation, String prefix) {
        return observation.clientLines().stream()
                .filter(line -> line.regionMatches(true, 0, prefix, 0, prefix.length()))
                .toList();
    }

    /** Evidence: the outcomes only. */
    static List<String> outcomeEvidence(Observation observation) {
        return List.of(observation.outcomeEvidence());
    }

    /** The outcome labels, in order, for reasons. */
    static String labels(Observation observation) {
        return String.join(
                ", ", observation.outcomes().stream().map(Outcome::label).toList());
    }

    static String lines(List<Observation.Exchange> exchanges) {
        return exchanges.stream()
                .map(exchange -> "S" + (exchange.session() + 1) + " \""
                        + exchange.command().line() + "\"")
                .toList()
                .toString();
    }

    private static boolean isSasl(Observation.Exchange exchange) {
        String line = exchange.command().line();
        return line.equals("****") || line.equals("*");
    }
}
