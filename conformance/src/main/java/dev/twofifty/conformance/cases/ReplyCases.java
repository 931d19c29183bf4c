package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.recipientNumber;
import static dev.twofifty.script.Rules.onAnyStep;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onQuit;
import static dev.twofifty.script.Rules.onRcpt;
import static dev.twofifty.script.Rules.onRset;

import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.Violation;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.Fault;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Catalogue §2.14: reply syntax, across phases. */
public final class ReplyCases {

    /** The unlisted codes of REPLY-UNKNOWN-CODE, one per message, and what each message should become. */
    static final List<String> UNKNOWN_CODES =
            List.of("MAIL 252", "RCPT 259", "DATA 359", "end of data 299", "end of data 459", "end of data 559");

    private static final List<Outcome.Kind> UNKNOWN_CODE_OUTCOMES = List.of(
            Outcome.Kind.DELIVERED,
            Outcome.Kind.DELIVERED,
            Outcome.Kind.DELIVERED,
            Outcome.Kind.DELIVERED,
            Outcome.Kind.TRANSIENT,
            Outcome.Kind.PERMANENT);

    /** The malformed end-of-data replies of REPLY-MALFORMED, one per message, then a malformed greeting. */
    static final List<String> MALFORMED = List.of("600 nope", "25O queued", "abc", "250 2.0.0 queu", "199 hi");

    private ReplyCases() {}

    public static List<ConformanceCase> all() {
        return List.of(
                bareCode(), multilineAny(), unknownCode(), textIgnored(), malformed(), fragmentedLong(), bareLf());
    }

    static ConformanceCase bareCode() {
        return ConformanceCase.builder("REPLY-BARE-CODE", "Replies that are a code alone")
                .phase(Phase.REPLIES)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.2", "RFC 5321 §4.2.1")
                .rationale("A reply may be just its code, with or without the space; the last line of a multi-line"
                        + " reply may lack the space, and clients must be prepared for that.")
                .rules(
                        onEhlo().willReplyRaw("250-mx.test Hello\r\n250-8BITMIME\r\n250\r\n"),
                        onMail().willReplyRaw("250\r\n"),
                        onRcpt().willReplyRaw("250 \r\n"),
                        onData().willReplyRaw("354\r\n"),
                        onMessage().willReply(250, "2.0.0", "OK").willReplyRaw("250-2.0.0 queued\r\n250\r\n"))
                .oracle(ReplyCases::carriedOnAfterBareCodes)
                .build();
    }

    static ConformanceCase multilineAny() {
        return ConformanceCase.builder("REPLY-MULTILINE-ANY", "Multi-line replies to every command are read whole")
                .phase(Phase.REPLIES)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 5321 §4.2", "RFC 5321 §4.2.1")
                .rationale("Any reply may have several lines; a client that reads one line per reply answers the"
                        + " rest of a reply as if it were the next one and falls out of step.")
                .server(builder -> builder.disable(SmtpExtension.PIPELINING))
                .rules(scale -> {
                    Duration hold = scale.hold(100);
                    return List.of(
                            onMail().willReply(SmtpReply.of(250, "2.1.0", "Sender ok", "second line"))
                                    .willDelay(hold),
                            onRcpt().willReply(SmtpReply.of(250, "2.1.5", "Recipient ok", "second line"))
                                    .willDelay(hold),
                            onData().willReply(SmtpReply.multiline(
                                            354, List.of("Start mail input", "end with <CRLF>.<CRLF>")))
                                    .willDelay(hold),
                            onMessage()
                                    .willReply(SmtpReply.of(250, "2.0.0", "Queued", "as 1"))
                                    .willDelay(hold),
                            onRset().willReply(SmtpReply.of(250, "2.0.0", "Reset", "done"))
                                    .willDelay(hold),
                            onQuit().willReply(SmtpReply.of(221, "2.0.0", "mx.test closing", "Bye"))
                                    .willDelay(hold));
                })
                .oracle(observation -> {
                    List<String> early = Wire.violations(
                            observation,
                            Set.of(
                                    Violation.Type.PIPELINING_NOT_ADVERTISED,
                                    Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND));
                    List<String> evidence = new ArrayList<>(early);
                    evidence.addAll(observation.fullEvidence());
                    Judgement inStep = Judgement.require(
                            early.isEmpty(),
                            Level.MUST_DERIVED,
                            "the client read every multi-line reply to its last line",
                            "the client sent commands before the server had replied: it took lines of a multi-line"
                                    + " reply for the next reply",
                            evidence);
                    Outcome outcome = observation.outcome();
                    return inStep.and(Judgement.require(
                            outcome.isDelivered() && !observation.messages().isEmpty(),
                            Level.MUST_DERIVED,
                            "and delivered the message",
                            "the client reported " + outcome.label() + " instead of delivering the message",
                            observation.fullEvidence()));
                })
                .build();
    }

    static ConformanceCase unknownCode() {
        return ConformanceCase.builder("REPLY-UNKNOWN-CODE", "Unlisted codes are read by their first digit")
                .phase(Phase.REPLIES)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2", "RFC 5321 §4.3.2")
                .rationale("Clients must be prepared for codes no list names and act on the first digit: 2yz success,"
                        + " 3yz go on, 4yz temporary, 5yz permanent; \"expected 250\" checks break on them.")
                .request(ConformanceCase.STANDARD_REQUEST.repeated(UNKNOWN_CODES.size()))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(unknownCodes())
                .oracle(ReplyCases::actedOnFirstDigit)
                .build();
    }

    static ConformanceCase textIgnored() {
        return ConformanceCase.builder("REPLY-TEXT-IGNORED", "Decisions by the code, whatever the text says")
                .phase(Phase.REPLIES)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2")
                .rationale("The client must act on the code alone: \"550 OK, accepted\" is a refusal, \"250 Error\" a"
                        + " success, and any text (UTF-8, tabs) must be acceptable.")
                .request(MailRequest.of(
                        "ann@client.test", List.of("bob@mx.test", "carol@mx.test"), ConformanceCase.STANDARD_MESSAGE))
                .rules(
                        onMail().willReply(250, "Error: rejected (the code says accepted)"),
                        onRcpt().matching(recipientNumber(1))
                                .willReply(550, "5.1.1", "OK, accepted (the code says no)"),
                        onRcpt().matching(recipientNumber(2)).willReply(250, "2.1.5", "Grüße\tfine, UTF-8 and a tab"))
                .oracle(observation -> {
                    if (!observation.sent("RCPT")) {
                        return new Judgement(
                                Verdict.FAIL,
                                "the client stopped after \"250 Error: rejected\" to MAIL: it read the text, not the code",
                                observation.fullEvidence());
                    }
                    Outcome outcome = observation.outcome();
                    boolean failedOnSuccessCode =
                            (outcome.kind() == Outcome.Kind.TRANSIENT || outcome.kind() == Outcome.Kind.PERMANENT)
                                    && outcome.code() / 100 == 2;
                    if (failedOnSuccessCode) {
                        return new Judgement(
                                Verdict.FAIL,
                                "the client reported a failure with the success code " + outcome.code()
                                        + ": it read the text, not the code",
                                observation.fullEvidence());
                    }
                    return PipeliningCases.exactlyRefused(observation, "bob@mx.test", Level.MUST);
                })
                .build();
    }

    static ConformanceCase malformed() {
        return ConformanceCase.builder("REPLY-MALFORMED", "Malformed replies are failures, never deliveries")
                .phase(Phase.REPLIES)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.2", "RFC 5321 §4.2.1")
                .rationale("Codes outside 2yz-5yz, non-digits and cut-off lines are not replies: the client should"
                        + " treat them as fatal and end the transaction, and never report the message as sent.")
                .request(ConformanceCase.STANDARD_REQUEST.repeated(5))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(malformedReplies())
                .oracle(ReplyCases::neverDeliveredOnMalformed)
                .build();
    }

    static ConformanceCase fragmentedLong() {
        return ConformanceCase.builder("REPLY-FRAGMENTED-LONG", "Replies dripped byte by byte, and a 20000-octet reply")
                .phase(Phase.REPLIES)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 5321 §4.5.3.1.5", "RFC 5321 §4.2")
                .rationale("TCP is a byte stream: a reply may arrive a byte at a time with CR and LF apart; a reply"
                        + " longer than the 512-octet limit must be accepted or refused cleanly, not hang the client.")
                .rules(scale -> List.of(
                        onAnyStep()
                                .willDrip(Duration.ofMillis(
                                        Math.max(40, scale.millis(800).toMillis()))),
                        onMessage()
                                .willReply(250, "2.0.0", "OK")
                                .willReplyRaw(longReply())
                                .atPriority(1)))
                .oracle(ReplyCases::readFragmentsAndLongReply)
                .build();
    }

    static ConformanceCase bareLf() {
        return ConformanceCase.builder("REPLY-BARE-LF", "Replies ended by a bare LF (recorded)")
                .phase(Phase.REPLIES)
                .level(Level.POLICY)
                .rfc("RFC 5321 §2.3.8")
                .rationale("Strictly a reply line ends with CRLF only, so an LF-ended line is incomplete; most clients"
                        + " accept it anyway. The behaviour is recorded, not judged.")
                .rules(
                        onConnect().willReplyRaw("220 mx.test ESMTP\n"),
                        onEhlo().willReplyRaw("250-mx.test Hello\n250 8BITMIME\n"),
                        onMail().willReplyRaw("250 2.1.0 Sender ok\n"),
                        onRcpt().willReplyRaw("250 2.1.5 Recipient ok\n"),
                        onData().willReplyRaw("354 Go ahead\n"),
                        onMessage().willReply(250, "2.0.0", "OK").willReplyRaw("250 2.0.0 Queued\n"),
                        onQuit().willReplyRaw("221 2.0.0 Bye\n"))
                .oracle(observation -> Judgement.info(
                        observation.outcome().isDelivered()
                                ? "the client accepted replies ended by a bare LF"
                                : "the client did not accept replies ended by a bare LF: it reported "
                                        + observation.outcome().label(),
                        observation.fullEvidence()))
                .build();
    }

    /** A chain of scenario states, so each message meets the next malformed reply whatever the connections. */
    private static Rule[] malformedReplies() {
        String scenario = "malformed";
        return new Rule[] {
            onMessage()
                    .inScenario(scenario)
                    .whenScenarioStateIs(Rule.STARTED)
                    .willReplyRaw("600 nope\r\n")
                    .willSetStateTo("2"),
            onMessage()
                    .inScenario(scenario)
                    .whenScenarioStateIs("2")
                    .willReplyRaw("25O queued\r\n")
                    .willSetStateTo("3"),
            onMessage()
                    .inScenario(scenario)
                    .whenScenarioStateIs("3")
                    .willReplyRaw("abc\r\n")
                    .willSetStateTo("4"),
            onMessage()
                    .inScenario(scenario)
                    .whenScenarioStateIs("4")
                    .willReplyRaw("250 2.0.0 queu")
                    .willFault(Fault.replyThenClose())
                    .willSetStateTo("5"),
            onConnect().inScenario(scenario).whenScenarioStateIs("5").willReplyRaw("199 hi\r\n")
        };
    }

    /** A 20,000-octet reply with a 3,000-octet line. */
    static String longReply() {
        StringBuilder reply = new StringBuilder("250-2.0.0 " + "x".repeat(3000) + "\r\n");
        while (reply.length() < 20_000) {
            reply.append("250-2.0.0 ").append("y".repeat(490)).append("\r\n");
        }
        return reply.append("250 2.0.0 OK: queued\r\n").toString();
    }

    private static Judgement carriedOnAfterBareCodes(Observation observation) {
        if (observation.outcome().isDelivered() && !observation.messages().isEmpty()) {
            return Judgement.pass("the client carried on after every bare code", observation.fullEvidence());
        }
        boolean stuckAtEhlo = !observation.sent("MAIL");
        boolean stuckAtEnd = observation.sessions().stream()
                .anyMatch(session -> session.transcript().stream()
                        .anyMatch(entry -> entry.kind() == dev.twofifty.journal.TranscriptEntry.Kind.CONTENT));
        String where = stuckAtEhlo
                ? "the EHLO reply whose last line is a bare \"250\""
                : stuckAtEnd
                        ? "the end-of-data reply whose last line is a bare \"250\""
                        : "a reply that is a code alone";
        return new Judgement(
                stuckAtEhlo || stuckAtEnd ? Verdict.FAIL : Verdict.WARN,
                "the client failed on " + where + " (" + observation.outcome().label() + ")",
                observation.fullEvidence());
    }

    /**
     * One unlisted code per message: each MAIL moves a scenario on, so message n meets the n-th code
     * whatever the connections.
     */
    private static Rule[] unknownCodes() {
        String scenario = "unknown codes";
        List<Rule> rules = new ArrayList<>();
        for (int message = 1; message <= UNKNOWN_CODES.size(); message++) {
            Rule mail = onMail().inScenario(scenario)
                    .whenScenarioStateIs(message == 1 ? Rule.STARTED : "after MAIL " + (message - 1))
                    .willSetStateTo("after MAIL " + message);
            rules.add(message == 1 ? mail.willReply(252, "Sender accepted, with an unlisted code") : mail);
        }
        rules.add(onRcpt().inScenario(scenario)
                .whenScenarioStateIs("after MAIL 2")
                .willReply(259, "Recipient accepted, with an unlisted code"));
        rules.add(onData().inScenario(scenario)
                .whenScenarioStateIs("after MAIL 3")
                .willReply(359, "Go ahead, with an unlisted code"));
        rules.add(onMessage()
                .inScenario(scenario)
                .whenScenarioStateIs("after MAIL 4")
                .willReply(299, "Queued, with an unlisted code"));
        rules.add(onMessage()
                .inScenario(scenario)
                .whenScenarioStateIs("after MAIL 5")
                .willReply(459, "Not now, with an unlisted code"));
        rules.add(onMessage()
                .inScenario(scenario)
                .whenScenarioStateIs("after MAIL 6")
                .willReply(559, "Never, with an unlisted code"));
        return rules.toArray(Rule[]::new);
    }

    private static Judgement actedOnFirstDigit(Observation observation) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < UNKNOWN_CODES.size(); i++) {
            Outcome outcome =
                    i < observation.outcomes().size() ? observation.outcomes().get(i) : Outcome.unknown("none");
            if (outcome.kind() != UNKNOWN_CODE_OUTCOMES.get(i)) {
                wrong.add(UNKNOWN_CODES.get(i) + " (message " + (i + 1) + "): " + outcome.label() + " instead of "
                        + UNKNOWN_CODE_OUTCOMES.get(i));
            }
        }
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "the client acted on the first digit of 252, 259, 359, 299, 459 and 559",
                "the client did not act on the first digit of unlisted codes: " + String.join("; ", wrong),
                observation.fullEvidence());
    }

    private static Judgement neverDeliveredOnMalformed(Observation observation) {
        List<String> delivered = new ArrayList<>();
        boolean hang = false;
        for (int i = 0; i < observation.outcomes().size(); i++) {
            Outcome outcome = observation.outcomes().get(i);
            hang |= outcome.kind() == Outcome.Kind.HANG;
            if (outcome.isDelivered() || outcome.kind() == Outcome.Kind.PARTIAL) {
                delivered.add("message " + (i + 1) + " (" + (i < MALFORMED.size() ? MALFORMED.get(i) : "?") + ")");
            }
        }
        if (hang) {
            return new Judgement(Verdict.WARN, "the client hung on a malformed reply", observation.fullEvidence());
        }
        return Judgement.require(
                delivered.isEmpty(),
                Level.SHOULD,
                "the client failed every message with a malformed reply: " + observation.outcomeEvidence(),
                "the client reported success after a malformed reply: " + delivered,
                observation.fullEvidence());
    }

    private static Judgement readFragmentsAndLongReply(Observation observation) {
        boolean sentContent = false;
        for (int session = 0; session < observation.sessions().size(); session++) {
            sentContent |= Wire.paired(observation, session).stream()
                    .anyMatch(exchange -> Wire.verb(exchange).equals("CONTENT"));
        }
        Outcome outcome = observation.outcome();
        Judgement fragments = Judgement.require(
                sentContent,
                Level.MUST_DERIVED,
                "the client read replies that arrived byte by byte",
                "the client did not get through replies that arrived byte by byte (" + outcome.label() + ")",
                observation.fullEvidence());
        Judgement longReply = Judgement.require(
                outcome.kind() != Outcome.Kind.HANG,
                Level.ROBUST,
                outcome.isDelivered()
                        ? "and accepted the 20000-octet reply"
                        : "and refused the 20000-octet reply cleanly (" + outcome.label() + ")",
                "the client hung on the 20000-octet reply",
                observation.fullEvidence());
        return fragments.and(longReply);
    }
}
