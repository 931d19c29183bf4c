package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.allOf;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Matchers.transactionNumber;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRset;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.script.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Catalogue §2.9: RSET, several transactions on one connection, connection reuse. */
public final class TransactionCases {

    /** Two recipients, so that "all RCPT rejected" means more than one rejection. */
    static final MailRequest TWO_RECIPIENTS = MailRequest.of(
            "ann@client.test", List.of("bob@mx.test", "carol@mx.test"), ConformanceCase.STANDARD_MESSAGE);

    private TransactionCases() {}

    public static List<ConformanceCase> all() {
        return List.of(twoMessages(), rsetAfterAbort(), rsetRefused(), reuseStale());
    }

    static ConformanceCase twoMessages() {
        return ConformanceCase.builder(
                        "TXN-TWO-MESSAGES", "Two messages on one connection, one transaction after the other")
                .phase(Phase.TRANSACTIONS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.4", "RFC 5321 §4.1.1.5")
                .rationale("A new MAIL is allowed only once the previous transaction has ended (end of data, RSET or"
                        + " EHLO); the server answers a MAIL inside a transaction with 503.")
                .request(ConformanceCase.STANDARD_REQUEST.repeated(2))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .oracle(observation -> {
                    if (observation.sessions().stream().noneMatch(session -> mails(session.commands()) >= 2)) {
                        return Judgement.notApplicable("the client sent each message on a connection of its own");
                    }
                    return noMailInsideTransaction(
                            observation, "the second MAIL followed the end of the first transaction");
                })
                .build();
    }

    static ConformanceCase rsetAfterAbort() {
        return ConformanceCase.builder("TXN-RSET-AFTER-ABORT", "RSET (or EHLO) ends a transaction the client gave up")
                .phase(Phase.TRANSACTIONS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.4", "RFC 5321 §4.1.1.5")
                .rationale("After every RCPT was refused the transaction is still open; a MAIL inside it gets 503,"
                        + " so the client must reset it before the next message.")
                .request(TWO_RECIPIENTS.repeated(2))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(onRcpt().matching(allOf(sessionNumber(1), transactionNumber(1)))
                        .willReply(550, "5.1.1", "No such user"))
                .oracle(observation -> noMailInsideTransaction(observation, howTheAbortEnded(observation)))
                .build();
    }

    static ConformanceCase rsetRefused() {
        return ConformanceCase.builder("TXN-RSET-REFUSED", "RSET answered 421: the connection is dead")
                .phase(Phase.TRANSACTIONS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.5", "RFC 5321 §3.8", "RFC 5321 §4.2.2")
                .rationale("A server must answer RSET with 250; a 421 instead means it is closing, so nothing but QUIT"
                        + " may follow on that connection and the next message needs a new one. (The server closes"
                        + " once the client falls silent, so that anything sent after the 421 is seen.)")
                .request(TWO_RECIPIENTS.repeated(2))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(scale -> List.of(
                        onRcpt().matching(allOf(sessionNumber(1), transactionNumber(1)))
                                .willReply(550, "5.1.1", "No such user"),
                        // The server closes once the client falls silent after the 421, so that whatever the
                        // client still sends on this connection is seen (RFC 5321 §3.8: nothing but QUIT).
                        onRset().matching(sessionNumber(1))
                                .willReply(421, "4.3.0", "mx.test Service shutting down, closing connection")
                                .willFault(Fault.closeWhenIdle(scale.hold(300)))))
                .oracle(TransactionCases::rsetRefusedOracle)
                .build();
    }

    static ConformanceCase reuseStale() {
        return ConformanceCase.builder(
                        "CONN-REUSE-STALE", "An idle connection closed by the server with 421 is not reused")
                .phase(Phase.TRANSACTIONS)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.5.3.2.7", "RFC 5321 §4.2.1")
                .rationale("A server may time out an idle connection with an unsolicited 421 that the client reads as"
                        + " the reply to its next command; that is transient, never a rejection of the sender. (The"
                        + " client idles 50 s between its messages, the server times out after 10 s.)")
                .request(ConformanceCase.STANDARD_REQUEST.repeated(2).withPauseBetweenMessages(Duration.ofSeconds(50)))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(scale -> List.of(onMessage()
                        .matching(sessionNumber(1))
                        .willReply(250, "2.0.0", "OK: accepted")
                        .willFault(Fault.closeWhenIdle(scale.millis(10_000)))))
                .oracle(TransactionCases::reuseStaleOracle)
                .build();
    }

    private static long mails(List<String> verbs) {
        return verbs.stream().filter("MAIL"::equals).count();
    }

    /** No MAIL inside an open transaction, in any session. */
    static Judgement noMailInsideTransaction(Observation observation, String ifMet) {
        List<Observation.Exchange> offending = Wire.mailsInsideOpenTransactions(observation);
        if (offending.isEmpty()) {
            return Judgement.pass(ifMet, observation.fullEvidence());
        }
        List<String> evidence = new ArrayList<>();
        offending.forEach(exchange -> evidence.addAll(Wire.evidence(exchange)));
        evidence.addAll(observation.fullEvidence());
        return new Judgement(
                Verdict.FAIL,
                "the client sent MAIL inside an open transaction (" + offending.size() + "x), without RSET or EHLO"
                        + " first",
                evidence);
    }

    /** How the client ended the transaction whose recipients were all refused, for the PASS reason. */
    private static String howTheAbortEnded(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return "the client did not connect";
        }
        List<String> verbs = observation.sessions().get(0).commands();
        int first = verbs.indexOf("MAIL");
        int second = verbs.subList(first + 1, verbs.size()).indexOf("MAIL");
        if (first < 0 || second < 0) {
            return observation.sessions().size() > 1
                    ? "the client sent the second message on a new connection"
                    : "the client sent no second MAIL on the connection";
        }
        List<String> between = verbs.subList(first + 1, first + 1 + second);
        return between.contains("RSET")
                ? "the client sent RSET before the second MAIL"
                : "the client sent " + (between.contains("EHLO") ? "EHLO" : "HELO") + " before the second MAIL";
    }

    private static Judgement rsetRefusedOracle(Observation observation) {
        if (observation.sessions().isEmpty()
                || !observation.sessions().get(0).commands().contains("RSET")) {
            return Judgement.notApplicable("the client sent no RSET after its aborted transaction"
                    + " (see TXN-RSET-AFTER-ABORT), so there was nothing to refuse");
        }
        List<String> after = observation.clientLinesAfterServerLine(0, Pattern.compile("421 4\\.3\\.0 .*"));
        List<String> others =
                after.stream().filter(line -> !line.equalsIgnoreCase("QUIT")).toList();
        List<String> evidence = new ArrayList<>(observation.transcript(0));
        evidence.add(observation.outcomeEvidence());
        Judgement dead = Judgement.require(
                others.isEmpty(),
                Level.MUST,
                "after the 421 to RSET the client sent " + (after.isEmpty() ? "nothing" : "only QUIT"),
                "after the 421 to RSET the client went on with " + others + " on the same connection",
                evidence);
        return dead.and(secondMessage(observation, "the refused RSET"));
    }

    /**
     * The second message was delivered on a new connection (and really arrived), or reported as a
     * temporary failure; a permanent failure or a success that never arrived is wrong.
     */
    private static Judgement secondMessage(Observation observation, String after) {
        if (observation.outcomes().size() < 2) {
            return new Judgement(
                    Verdict.FAIL, "the client reported no outcome for the second message", observation.fullEvidence());
        }
        Outcome second = observation.outcomes().get(1);
        int delivered = (int)
                observation.outcomes().stream().filter(Outcome::isDelivered).count();
        List<String> evidence = new ArrayList<>(observation.fullEvidence());
        if (second.kind() == Outcome.Kind.HANG) {
            return new Judgement(Verdict.FAIL, "the client hung after " + after, evidence);
        }
        if (second.isDelivered() && observation.messages().size() < delivered) {
            return new Judgement(
                    Verdict.FAIL,
                    "the client reported the second message as delivered, but it never arrived",
                    evidence);
        }
        if (second.isDelivered()) {
            return Judgement.pass(
                    "after " + after + " the client delivered the second message on connection "
                            + observation.sessions().size(),
                    evidence);
        }
        return Judgement.require(
                second.kind() == Outcome.Kind.TRANSIENT,
                Level.MUST,
                "after " + after + " the client reported the second message as " + second.label(),
                "after " + after + " the client reported the second message as " + second.label()
                        + ", but a 421 is temporary: TRANSIENT or a delivery on a new connection is required",
                evidence);
    }

    private static Judgement reuseStaleOracle(Observation observation) {
        if (observation.sessions().isEmpty()
                || Wire.events(observation, 0, "fault: the client was silent").isEmpty()) {
            return Judgement.notApplicable(
                    "the client did not stay idle between the messages, so the server's idle timeout never fired");
        }
        return secondMessage(observation, "the unsolicited 421");
    }
}
