package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.recipientNumber;
import static dev.twofifty.script.Rules.onAnyStep;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;

import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.TimeScale;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Catalogue §2.12: pipelining. Several cases hold every reply back for a while: a command that
 * arrives during the hold was sent without waiting for the reply, which the server sees and records.
 */
public final class PipeliningCases {

    /** Three recipients: the middle one is refused in PIPE-COUNTING. */
    static final MailRequest THREE_RECIPIENTS = MailRequest.of(
            "ann@client.test",
            List.of("bob@mx.test", "carol@mx.test", "dave@mx.test"),
            ConformanceCase.STANDARD_MESSAGE);

    /** A thousand recipients with long addresses: 50 KB of RCPT commands, 70 KB of replies. */
    static final MailRequest THOUSAND_RECIPIENTS = MailRequest.of(
            "ann@client.test",
            IntStream.rangeClosed(1, 1000)
                    .mapToObj(i -> String.format("recipient-%04d.of-a-large-list@mx.test", i))
                    .toList(),
            ConformanceCase.STANDARD_MESSAGE);

    private PipeliningCases() {}

    public static List<ConformanceCase> all() {
        return List.of(none(), syncPoints(), checkAll(), counting(), deadlock(), earlyReject());
    }

    static ConformanceCase none() {
        return ConformanceCase.builder("PIPE-NONE", "Without PIPELINING, one command at a time")
                .phase(Phase.PIPELINING)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.3.1", "RFC 2920 §3")
                .rationale("A client may pipeline only when the server's EHLO reply offers PIPELINING; otherwise it"
                        + " must wait for each reply (servers such as Postfix reject early talkers).")
                .server(builder -> builder.disable(SmtpExtension.PIPELINING))
                .rules(PipeliningCases::holdEveryReply)
                .oracle(observation -> noViolation(
                        observation,
                        Set.of(
                                Violation.Type.PIPELINING_NOT_ADVERTISED,
                                Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND),
                        "the client waited for every reply",
                        "the client sent commands before the reply to the previous one, without PIPELINING"))
                .build();
    }

    static ConformanceCase syncPoints() {
        return ConformanceCase.builder("PIPE-SYNC-POINTS", "With PIPELINING, nothing after a synchronising command")
                .phase(Phase.PIPELINING)
                .level(Level.MUST)
                .rfc("RFC 2920 §3.1", "RFC 3207 §4", "RFC 4954 §4")
                .rationale("EHLO, DATA, VRFY, EXPN, TURN, QUIT, NOOP, STARTTLS and AUTH end a pipelined group: the"
                        + " client must read their reply before sending anything else.")
                .rules(PipeliningCases::holdEveryReply)
                .oracle(observation -> noViolation(
                        observation,
                        Set.of(Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND),
                        "the client waited for the reply to every synchronising command",
                        "the client sent more before the reply to a command that ends a pipelined group"))
                .build();
    }

    static ConformanceCase checkAll() {
        return ConformanceCase.builder("PIPE-CHECK-ALL", "No content when every recipient was refused")
                .phase(Phase.PIPELINING)
                .level(Level.MUST)
                .rfc("RFC 2920 §3.1", "RFC 5321 §3.3")
                .rationale("A pipelining client must check every reply; a (faulty) server may still answer DATA with"
                        + " 354 after refusing every recipient, and then only the final dot may follow.")
                .request(TransactionCases.TWO_RECIPIENTS)
                .rules(
                        onRcpt().willReply(550, "5.1.1", "No such user"),
                        onData().willReply(354, "Start mail input; end with <CRLF>.<CRLF>"),
                        onMessage().willReply(554, "5.5.1", "No valid recipients"))
                .oracle(PipeliningCases::noContentToNobody)
                .build();
    }

    static ConformanceCase counting() {
        return ConformanceCase.builder("PIPE-COUNTING", "Replies matched by counting, multi-line replies read whole")
                .phase(Phase.PIPELINING)
                .level(Level.MUST)
                .rfc("RFC 2920 §3.1", "RFC 5321 §4.2.1")
                .rationale("Replies must be matched to commands by counting, never by code or text, and a multi-line"
                        + " reply is one reply: otherwise the wrong recipient is reported as refused.")
                .request(THREE_RECIPIENTS)
                .rules(
                        onRcpt().matching(recipientNumber(1))
                                .willReplyRaw("250-550 not really, this line is text\r\n250 2.1.5 ok\r\n"),
                        onRcpt().matching(recipientNumber(2)).willReply(550, "5.1.1", "No such user here"),
                        onRcpt().matching(recipientNumber(3)).willReplyRaw("250-2.1.5 fine\r\n250 2.1.5 fine\r\n"))
                .oracle(observation -> exactlyRefused(observation, "carol@mx.test", Level.MUST))
                .build();
    }

    static ConformanceCase deadlock() {
        return ConformanceCase.builder("PIPE-DEADLOCK", "A thousand recipients against 4 KB server buffers")
                .phase(Phase.PIPELINING)
                .level(Level.MUST)
                .rfc("RFC 2920 §3.1")
                .rationale("A client that sends a whole group before reading replies deadlocks with a server whose"
                        + " buffers are full; it must read while sending or keep groups within the TCP window.")
                .request(THOUSAND_RECIPIENTS)
                .limits(limits -> limits.withSocketBufferSize(4096).withMaxRecipients(1000))
                .oracle(observation -> {
                    List<String> evidence = tail(observation);
                    if (observation.outcome().kind() == Outcome.Kind.HANG) {
                        return new Judgement(
                                Verdict.FAIL, "the client deadlocked with the server (the watchdog fired)", evidence);
                    }
                    return Judgement.require(
                            observation.outcome().isDelivered()
                                    && !observation.messages().isEmpty(),
                            Level.MUST,
                            "the client delivered to 1000 recipients without deadlocking",
                            "the client reported " + observation.outcome().label() + " for 1000 recipients",
                            evidence);
                })
                .build();
    }

    static ConformanceCase earlyReject() {
        return ConformanceCase.builder("PIPE-EARLY-REJECT", "A refused MAIL in a pipelined group: a sender failure")
                .phase(Phase.PIPELINING)
                .level(Level.MUST)
                .rfc("RFC 2920 §3.1", "RFC 5321 §3.3")
                .rationale("When MAIL is refused the RCPTs and DATA pipelined behind it get 503: no content may follow"
                        + " and the failure is the sender's, not the recipients'.")
                .rules(onMail().willReply(550, "5.1.0", "Sender rejected"))
                .oracle(PipeliningCases::senderFailure)
                .build();
    }

    /** Every reply held back (the end of data still accepted), so early commands arrive during the hold. */
    private static List<Rule> holdEveryReply(TimeScale scale) {
        return List.of(
                onAnyStep().willDelay(scale.hold(300)),
                onMessage()
                        .willReply(250, "2.0.0", "OK: accepted")
                        .willDelay(scale.hold(300))
                        .atPriority(1));
    }

    private static Judgement noViolation(
            Observation observation, Set<Violation.Type> types, String ifMet, String ifBroken) {
        List<String> violations = Wire.violations(observation, types);
        List<String> evidence = new ArrayList<>(violations);
        evidence.addAll(observation.fullEvidence());
        return Judgement.require(
                violations.isEmpty(), Level.MUST, ifMet, ifBroken + " (" + violations.size() + "x)", evidence);
    }

    /** After a 354 in a transaction where every RCPT was refused, only the final dot was sent. */
    private static Judgement noContentToNobody(Observation observation) {
        List<String> evidence = new ArrayList<>();
        boolean dataSent = false;
        long octets = 0;
        for (int session = 0; session < observation.sessions().size(); session++) {
            int accepted = 0;
            boolean afterEmpty354 = false;
            for (Observation.Exchange exchange : Wire.paired(observation, session)) {
                switch (Wire.verb(exchange)) {
                    case "MAIL" -> accepted = 0;
                    case "RCPT" -> accepted += exchange.replyCode() / 100 == 2 ? 1 : 0;
                    case "DATA" -> {
                        dataSent = true;
                        afterEmpty354 = accepted == 0 && exchange.replyCode() == 354;
                        evidence.addAll(Wire.evidence(exchange));
                    }
                    case "CONTENT" -> {
                        if (afterEmpty354) {
                            octets += Wire.contentOctets(exchange);
                            evidence.addAll(Wire.evidence(exchange));
                        }
                        afterEmpty354 = false;
                    }
                    default -> {}
                }
            }
        }
        evidence.add(observation.outcomeEvidence());
        if (observation.outcome().isDelivered()) {
            return new Judgement(
                    Verdict.FAIL,
                    "the client reported the message as delivered although every RCPT was refused",
                    evidence);
        }
        return Judgement.require(
                octets == 0,
                Level.MUST,
                dataSent
                        ? "after the 354 the client sent only the final dot"
                        : "the client did not send DATA after every RCPT was refused",
                "after every RCPT was refused the client sent " + octets + " octets of message content",
                evidence);
    }

    /** The outcome names exactly this recipient as refused. */
    static Judgement exactlyRefused(Observation observation, String refused, Level level) {
        Outcome outcome = observation.outcome();
        List<String> evidence = observation.fullEvidence();
        if (outcome.isDelivered()) {
            return new Judgement(
                    level.whenBroken(), "the client reported DELIVERED although " + refused + " was refused", evidence);
        }
        if (outcome.rejected().isEmpty()) {
            return Judgement.info(
                    "the client reported " + outcome.label() + " without saying which recipients were refused",
                    evidence);
        }
        return Judgement.require(
                outcome.rejected().keySet().equals(Set.of(refused)),
                level,
                "the client reported exactly " + refused + " as refused",
                "the client reported " + outcome.rejected().keySet() + " as refused, but only " + refused + " was",
                evidence);
    }

    private static Judgement senderFailure(Observation observation) {
        List<String> evidence = observation.fullEvidence();
        boolean content = false;
        for (int session = 0; session < observation.sessions().size(); session++) {
            content |= Wire.paired(observation, session).stream()
                    .anyMatch(exchange -> Wire.verb(exchange).equals("CONTENT"));
        }
        Outcome outcome = observation.outcome();
        Judgement noContent = Judgement.require(
                !content,
                Level.MUST,
                "no message content followed the refused MAIL",
                "the client sent message content although MAIL was refused",
                evidence);
        // A client that reports no codes (an exit status) is judged by the kind: permanent, no recipient blamed.
        Judgement reported = Judgement.require(
                outcome.kind() == Outcome.Kind.PERMANENT
                        && (outcome.code() == 550 || !outcome.hasCode())
                        && outcome.rejected().isEmpty(),
                Level.MUST,
                outcome.hasCode()
                        ? "the client reported the sender's " + outcome.label()
                        : "the client reported " + outcome.label() + ", no recipient refused",
                "the client reported " + outcome.label()
                        + (outcome.rejected().isEmpty() ? "" : " with refused recipients " + outcome.rejected())
                        + ", but the sender was refused with 550",
                evidence);
        return noContent.and(reported);
    }

    /** The end of a long transcript: the last 12 lines and the outcome. */
    private static List<String> tail(Observation observation) {
        List<String> lines = observation.transcript();
        List<String> evidence = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 12), lines.size()));
        evidence.add(observation.outcomeEvidence());
        return evidence;
    }
}
