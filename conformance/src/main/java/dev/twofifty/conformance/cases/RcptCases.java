package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.recipient;
import static dev.twofifty.script.Matchers.recipientNumber;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRcptTo;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.script.Matcher;
import dev.twofifty.script.Matchers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** Catalogue §2.6: RCPT. */
public final class RcptCases {

    /** Three recipients; the second is the one the scripts refuse. */
    static final List<String> THREE = List.of("first@mx.test", "second@mx.test", "third@mx.test");

    /** Where the 551 variant of RCPT-PARTIAL-5XX suggests to send instead. */
    static final String FORWARD_TO = "carol@elsewhere.test";

    private static final MailRequest TO_THREE = to(THREE);

    private RcptCases() {}

    public static List<ConformanceCase> all() {
        return List.of(oneCopy(), allRejected(), partial5xx(), temp4xx(), tooMany(), rcpt421(), twoXxVariants());
    }

    static ConformanceCase oneCopy() {
        return ConformanceCase.builder("RCPT-ONE-COPY", "One transaction for five recipients at one server")
                .phase(Phase.RCPT)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.4.1")
                .rationale("One copy with many RCPTs saves the server work and keeps the recipients' copies identical.")
                .request(to(IntStream.rangeClosed(1, 5)
                        .mapToObj(n -> "rcpt" + n + "@mx.test")
                        .toList()))
                .oracle(observation -> {
                    long mails =
                            observation.verbs().stream().filter("MAIL"::equals).count();
                    return Judgement.require(
                            mails == 1 && observation.messages().size() == 1,
                            Level.SHOULD,
                            "one transaction carried the message to all five recipients",
                            "the client used " + mails + " transactions ("
                                    + observation.messages().size() + " copies) for five recipients at one server",
                            observation.fullEvidence());
                })
                .build();
    }

    static ConformanceCase allRejected() {
        return ConformanceCase.builder("RCPT-ALL-REJECTED", "Every recipient refused: no content, permanent")
                .phase(Phase.RCPT)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.3", "RFC 5321 §4.1.1.4")
                .rationale("Without an accepted recipient DATA fails; content sent anyway is read as commands.")
                .requests(to(THREE.subList(0, 2)), to(THREE.subList(0, 2)))
                .rules(
                        onRcpt().willReply(550, "5.1.1", "No such user"),
                        onData().matching(sessionNumber(1)).willReply(554, "5.5.1", "No valid recipients"),
                        onData().matching(sessionNumber(2)).willReply(503, "5.5.1", "No valid recipients"))
                .oracle(RcptCases::nothingSentToNobody)
                .build();
    }

    static ConformanceCase partial5xx() {
        return ConformanceCase.builder("RCPT-PARTIAL-5XX", "One recipient of three refused: reported permanent")
                .phase(Phase.RCPT)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.3", "RFC 5321 §4.2.1", "RFC 7504 §4", "RFC 5321 §3.4", "RFC 5321 §7.4")
                .rationale("A refused recipient must not be reported as delivered; a 551 address is only a hint.")
                .requests(TO_THREE, TO_THREE, TO_THREE, TO_THREE)
                .rules(
                        secondRecipient(1).willReply(550, "5.1.1", "No such user"),
                        secondRecipient(2).willReply(553, "5.1.3", "Bad recipient address syntax"),
                        secondRecipient(3).willReply(556, "5.1.10", "Recipient domain has a null MX"),
                        secondRecipient(4).willReply(551, "5.1.6", "User not local; please try <" + FORWARD_TO + ">"))
                .oracle(RcptCases::secondReportedPermanent)
                .build();
    }

    static ConformanceCase temp4xx() {
        return ConformanceCase.builder("RCPT-TEMP-4XX", "A recipient refused for now is reported as temporary")
                .phase(Phase.RCPT)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2.1", "RFC 3463 §3.3", "RFC 5321 §4.2.5")
                .rationale("4yz keeps the client responsible for the recipient: reporting it invalid loses the mail.")
                .requests(TO_THREE, TO_THREE, TO_THREE)
                .rules(
                        secondRecipient(1).willReply(450, "4.2.1", "Mailbox temporarily unavailable"),
                        secondRecipient(2).willReply(451, "4.3.0", "Local error in processing"),
                        secondRecipient(3).willReply(452, "4.2.2", "Mailbox full"))
                .oracle(RcptCases::secondReportedTransient)
                .build();
    }

    static ConformanceCase tooMany() {
        List<String> many = IntStream.rangeClosed(1, 150)
                .mapToObj(n -> String.format("r%03d@mx.test", n))
                .toList();
        Matcher beyond100 = Matchers.anyOf(IntStream.rangeClosed(101, 150)
                .mapToObj(n -> recipientNumber(n))
                .toArray(Matcher[]::new));
        return ConformanceCase.builder("RCPT-TOO-MANY", "150 recipients, 100 accepted: the rest sent later")
                .phase(Phase.RCPT)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.3.1.8", "RFC 5321 §4.5.3.1.10")
                .rationale(
                        "Servers need only buffer 100 recipients; the 452 for the rest asks for another transaction.")
                .requests(to(many), to(many))
                // Session 1: the server's own limit answers 452 4.5.3 from the 101st recipient on.
                .rules(onRcpt().matching(sessionNumber(2).and(beyond100))
                        .willReply(552, "5.5.3", "Too many recipients"))
                .oracle(observation -> tooManyHandled(observation, many))
                .build();
    }

    static ConformanceCase rcpt421() {
        return ConformanceCase.builder("RCPT-421", "421 to a RCPT: the whole transaction is temporary, then stop")
                .phase(Phase.RCPT)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.2.2")
                .rationale("After 421 the server is gone: no further RCPT, no DATA, and nothing was delivered.")
                .requests(TO_THREE, TO_THREE)
                .rules(TransactionChecks.reply421(
                        onRcptTo(recipient(THREE.get(1))), "4.3.2", "Service shutting down", 1, 2, "RCPT-421"))
                .oracle(observation ->
                        TransactionChecks.nothingAfter421(observation).and(TransactionChecks.transient421(observation)))
                .build();
    }

    static ConformanceCase twoXxVariants() {
        return ConformanceCase.builder("RCPT-2XX-VARIANTS", "251 and 252 to RCPT are success")
                .phase(Phase.RCPT)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2", "RFC 5321 §4.3.2", "RFC 5321 §3.4")
                .rationale("Replies are read by their first digit: 251 and 252 accept the recipient.")
                .request(to(THREE.subList(0, 2)))
                .rules(
                        onRcptTo(recipient(THREE.get(0)))
                                .willReply(251, "2.1.5", "User not local; will forward to <first@elsewhere.test>"),
                        onRcptTo(recipient(THREE.get(1)))
                                .willReply(252, "2.1.5", "Cannot verify the user, but will attempt delivery"))
                .oracle(observation -> Judgement.require(
                        observation.outcome().isDelivered()
                                && observation.messages().size() == 1
                                && observation
                                                .messages()
                                                .get(0)
                                                .envelope()
                                                .recipientAddresses()
                                                .size()
                                        == 2,
                        Level.MUST,
                        "both recipients were taken as accepted and the message was delivered",
                        "the client did not treat 251/252 as success: "
                                + observation.outcome().label() + ", "
                                + observation.messages().size() + " message(s) sent",
                        observation.fullEvidence()))
                .build();
    }

    private static Judgement nothingSentToNobody(Observation observation) {
        Judgement content = TransactionChecks.noContentAfterRefusedData(observation);
        // A DATA pipelined with the RCPTs (RFC 2920 §3.1) left before their refusals arrived: not counted.
        List<String> data = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Observation.Exchange> exchanges = observation.exchanges(session);
            for (int i = 0; i < exchanges.size(); i++) {
                boolean pipelined = i > 0 && SessionFacts.sentBeforeReply(exchanges.get(i - 1), exchanges.get(i));
                if (exchanges.get(i).verb().equals("DATA") && !pipelined) {
                    data.add("S" + (session + 1));
                }
            }
        }
        Judgement noData = Judgement.require(
                data.isEmpty(),
                Level.SHOULD,
                "the client did not send DATA without an accepted recipient",
                "the client sent DATA although every recipient was refused (" + data + ")",
                observation.fullEvidence());
        List<String> wrong = new ArrayList<>();
        for (Outcome outcome : observation.outcomes()) {
            if (outcome.kind() != Outcome.Kind.PERMANENT) {
                wrong.add(outcome.label());
            } else if (!outcome.rejected().isEmpty() && outcome.rejected().size() < 2) {
                wrong.add(outcome.label() + " does not list both recipients");
            }
        }
        Judgement permanent = Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "the client reported a permanent failure: " + TransactionChecks.labels(observation),
                "every recipient got 550 but the client reported " + wrong,
                TransactionChecks.outcomeEvidence(observation));
        return content.and(noData).and(permanent);
    }

    private static Judgement secondReportedPermanent(Observation observation) {
        List<String> wrong = new ArrayList<>();
        List<String> policy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Outcome outcome = TransactionChecks.outcome(observation, i);
            Integer code = rejectedCode(outcome, THREE.get(1));
            switch (outcome.kind()) {
                case PARTIAL -> {
                    if (code == null || code / 100 != 5) {
                        wrong.add(outcome.label() + " does not report " + THREE.get(1) + " as refused for good");
                    } else {
                        policy.add("delivered to the others");
                    }
                }
                case PERMANENT -> {
                    if (code != null && code / 100 != 5) {
                        wrong.add(outcome.label());
                    } else {
                        policy.add("aborted the message");
                    }
                }
                default -> wrong.add(outcome.label());
            }
        }
        Judgement reported = wrong.isEmpty()
                ? Judgement.pass(
                        "the refused recipient was reported as a permanent failure (policy: "
                                + String.join(", ", new java.util.LinkedHashSet<>(policy)) + ")",
                        TransactionChecks.outcomeEvidence(observation))
                : new Judgement(
                        Verdict.FAIL,
                        "the refused recipient was not reported as a permanent failure: " + wrong,
                        observation.fullEvidence());
        List<String> rerouted = TransactionChecks.clientLinesStartingWith(observation, "RCPT TO:<" + FORWARD_TO);
        return reported.and(Judgement.require(
                rerouted.isEmpty(),
                Level.SHOULD,
                "the 551 address was not used on the server's word",
                "the client sent to the address a 551 suggested: " + rerouted,
                observation.fullEvidence()));
    }

    private static Judgement secondReportedTransient(Observation observation) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Outcome outcome = TransactionChecks.outcome(observation, i);
            Integer code = rejectedCode(outcome, THREE.get(1));
            boolean ok = switch (outcome.kind()) {
                case TRANSIENT -> true;
                case PARTIAL -> code != null && code / 100 == 4;
                default -> false;
            };
            if (!ok) {
                wrong.add(outcome.label());
            }
        }
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "the recipient refused with 4yz was reported as temporary: " + TransactionChecks.labels(observation),
                "a recipient refused with 4yz was reported as " + wrong,
                TransactionChecks.outcomeEvidence(observation));
    }

    private static Judgement tooManyHandled(Observation observation, List<String> many) {
        Judgement judgement = Judgement.pass("", List.of());
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int code = i == 0 ? 452 : 552;
            Set<String> reached = new HashSet<>();
            for (ReceivedMessage message : TransactionChecks.messagesOfSession(observation, i)) {
                message.envelope()
                        .recipientAddresses()
                        .forEach(address -> reached.add(address.toLowerCase(Locale.ROOT)));
            }
            Outcome outcome = TransactionChecks.outcome(observation, i);
            Judgement variant;
            if (reached.size() == many.size()) {
                variant = Judgement.pass("all 150 recipients were delivered in further transactions", List.of());
            } else if (outcome.kind() == Outcome.Kind.PARTIAL && reached.size() == 100) {
                variant = Judgement.pass("the 100 were delivered, the other 50 reported " + code, List.of());
            } else if (outcome.kind() == Outcome.Kind.TRANSIENT && reached.size() == 100) {
                // A client that cannot report a partial delivery (an exit status) reports the refused rest.
                variant = Judgement.pass(
                        "the 100 were delivered, the other 50 reported as temporary (" + outcome.label() + ")",
                        List.of());
            } else if (outcome.isDelivered()) {
                variant = new Judgement(
                        Verdict.FAIL,
                        "after " + code + " the client reported DELIVERED but only " + reached.size()
                                + " recipients were accepted",
                        observation.fullEvidence());
            } else if (outcome.kind() == Outcome.Kind.PERMANENT && code == 452) {
                variant = new Judgement(
                        Verdict.FAIL,
                        "a 452 for recipients over 100 was reported as permanent",
                        observation.fullEvidence());
            } else if (outcome.kind() == Outcome.Kind.PERMANENT) {
                variant = new Judgement(
                        Verdict.WARN,
                        "a 552 for recipients over 100 was treated as permanent; it should be taken as 452",
                        TransactionChecks.outcomeEvidence(observation));
            } else {
                variant = new Judgement(
                        Verdict.WARN,
                        "after " + code + " for recipients over 100 the client gave up on all 150 (" + outcome.label()
                                + "); it should send the 100 and the rest in another transaction",
                        TransactionChecks.outcomeEvidence(observation));
            }
            reasons.add(code + ": " + variant.reason());
            judgement = judgement.and(variant);
        }
        return judgement.verdict() == Verdict.PASS
                ? Judgement.pass(String.join("; ", reasons), TransactionChecks.outcomeEvidence(observation))
                : judgement;
    }

    /** The reply code the outcome gives for this recipient, or null when it does not list it. */
    static Integer rejectedCode(Outcome outcome, String address) {
        for (Map.Entry<String, Integer> entry : outcome.rejected().entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).contains(address)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static dev.twofifty.script.Rule secondRecipient(int session) {
        return onRcptTo(recipient(THREE.get(1))).matching(sessionNumber(session));
    }

    private static MailRequest to(List<String> recipients) {
        return MailRequest.of("ann@client.test", recipients, ConformanceCase.STANDARD_MESSAGE);
    }
}
