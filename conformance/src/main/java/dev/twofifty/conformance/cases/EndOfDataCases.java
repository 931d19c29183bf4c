package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Rules.onMessage;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.script.Fault;
import java.util.List;

/** Catalogue §2.8: the reply to the end of message data. */
public final class EndOfDataCases {

    private static final MailRequest STANDARD = ConformanceCase.STANDARD_REQUEST;

    private EndOfDataCases() {}

    public static List<ConformanceCase> all() {
        return List.of(eod250(), eod4xx(), eod5xx(), eod421(), eodNoReply(), eodSlow250());
    }

    static ConformanceCase eod250() {
        return ConformanceCase.builder("EOD-250", "250 after the data: delivered, once")
                .phase(Phase.END_OF_DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2.5", "RFC 5321 §6.1")
                .rationale("A 2yz after the data makes the server responsible; sending again makes a duplicate.")
                .rules(onMessage().willReply(250, "2.0.0", "OK: queued as X"))
                .oracle(observation -> Judgement.require(
                        observation.outcome().isDelivered()
                                && observation.messages().size() == 1
                                && observation.sessions().size() == 1,
                        Level.MUST,
                        "the client reported DELIVERED and sent the message once",
                        "after a 250 the client reported "
                                + observation.outcome().label() + " and sent "
                                + observation.messages().size() + " copies over "
                                + observation.sessions().size()
                                + " connections",
                        observation.fullEvidence()))
                .build();
    }

    static ConformanceCase eod4xx() {
        return ConformanceCase.builder("EOD-4XX", "4yz after the data: transient, no resend at once")
                .phase(Phase.END_OF_DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2.5", "RFC 5321 §4.2.1", "RFC 5321 §4.5.4.1")
                .rationale("After 4yz the client keeps the message: it must report it or retry it later, not at once.")
                .requests(STANDARD, STANDARD, STANDARD)
                .rules(
                        onMessage().matching(sessionNumber(1)).willReply(451, "4.3.0", "Try again later"),
                        onMessage().matching(sessionNumber(2)).willReply(452, "4.3.1", "Insufficient system storage"),
                        onMessage().matching(sessionNumber(3)).willReply(450, "4.7.1", "Greylisted, try later"))
                .oracle(observation -> MailCases.noImmediateRetry(observation, "DATA", 3)
                        .and(TransactionChecks.outcomesByClass(observation, 451, 452, 450)))
                .build();
    }

    static ConformanceCase eod5xx() {
        return ConformanceCase.builder("EOD-5XX", "5yz after the data: permanent, no resend")
                .phase(Phase.END_OF_DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2.5", "RFC 5321 §4.2.1")
                .rationale("5yz refuses the message for good: resending without user review only repeats the refusal.")
                .requests(STANDARD, STANDARD, STANDARD)
                .rules(
                        onMessage().matching(sessionNumber(1)).willReply(554, "5.7.1", "Message refused"),
                        onMessage().matching(sessionNumber(2)).willReply(550, "5.7.1", "Content rejected"),
                        onMessage().matching(sessionNumber(3)).willReply(552, "5.3.4", "Message too big for system"))
                .oracle(observation -> {
                    List<String> resent = TransactionChecks.repeatedInSession(observation, "DATA", 1);
                    if (observation.sessions().size() > 3) {
                        resent.add(observation.sessions().size() + " connections for 3 requests");
                    }
                    return TransactionChecks.outcomesByClass(observation, 554, 550, 552)
                            .and(Judgement.require(
                                    resent.isEmpty(),
                                    Level.SHOULD,
                                    "the refused message was not sent again",
                                    "the client sent the refused message again: " + resent,
                                    observation.fullEvidence()));
                })
                .build();
    }

    static ConformanceCase eod421() {
        return ConformanceCase.builder("EOD-421", "421 after the data: transient, nothing more but QUIT")
                .phase(Phase.END_OF_DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.2.5")
                .rationale("421 after the data means the server did not take the message and is closing.")
                .requests(STANDARD, STANDARD)
                .rules(TransactionChecks.reply421(onMessage(), "4.4.2", "Closing, try again later", 1, 2, "EOD-421"))
                .oracle(observation ->
                        TransactionChecks.nothingAfter421(observation).and(TransactionChecks.transient421(observation)))
                .build();
    }

    static ConformanceCase eodNoReply() {
        return ConformanceCase.builder("EOD-NO-REPLY", "Connection lost after the data: never reported delivered")
                .phase(Phase.END_OF_DATA)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.1.1.10", "RFC 5321 §6.1")
                .rationale("Without the reply the server never took responsibility; a lost connection counts as 451.")
                .requests(STANDARD, STANDARD)
                .rules(
                        onMessage().matching(sessionNumber(1)).willFault(Fault.close()),
                        onMessage().matching(sessionNumber(2)).willFault(Fault.reset()))
                .oracle(observation -> {
                    Judgement judgement = Judgement.pass(
                            "the lost reply was reported as " + TransactionChecks.labels(observation),
                            TransactionChecks.outcomeEvidence(observation));
                    for (Outcome outcome : observation.outcomes()) {
                        if (outcome.isDelivered() || outcome.kind() == Outcome.Kind.PARTIAL) {
                            return new Judgement(
                                    Verdict.FAIL,
                                    "the client reported " + outcome.label()
                                            + " although the server never answered the data",
                                    observation.fullEvidence());
                        }
                        if (outcome.kind() != Outcome.Kind.TRANSIENT && outcome.kind() != Outcome.Kind.UNKNOWN) {
                            judgement = judgement.and(new Judgement(
                                    Verdict.WARN,
                                    "the lost connection was reported as " + outcome.label()
                                            + "; it should count as a 451 (TRANSIENT)",
                                    TransactionChecks.outcomeEvidence(observation)));
                        }
                    }
                    return judgement;
                })
                .build();
    }

    static ConformanceCase eodSlow250() {
        return ConformanceCase.builder("EOD-SLOW-250", "A 250 held for 120 s after the data is waited for")
                .phase(Phase.END_OF_DATA)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.3.2.6", "RFC 5321 §6.1")
                .rationale("The data-termination timeout should be 10 minutes: giving up early makes the caller"
                        + " resend a message the server has taken.")
                .rules(scale -> List.of(onMessage().willDelay(scale.millis(120_000))))
                .oracle(observation -> {
                    if (observation.messages().size() > 1) {
                        return new Judgement(
                                Verdict.WARN,
                                "the message arrived " + observation.messages().size() + " times",
                                observation.fullEvidence());
                    }
                    return Judgement.require(
                            observation.outcome().isDelivered(),
                            Level.SHOULD,
                            "the client waited for the held 250 and reported DELIVERED",
                            "the client did not wait for the held 250: "
                                    + observation.outcome().label(),
                            observation.fullEvidence());
                })
                .build();
    }
}
