package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.argument;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Rules.onMail;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/** Catalogue §2.5: MAIL. */
public final class MailCases {

    private static final MailRequest STANDARD = ConformanceCase.STANDARD_REQUEST;

    /** MAIL-SYNTAX: a mixed-case sender, the null sender, a quoted local part. */
    static final List<String> SENDERS = List.of("John.Smith@Example.COM", "", "\"a b\"@x.test");

    /** CMD-CRLF-INJECTION: the command every variant tries to smuggle, and the recipient it names. */
    static final String VICTIM = "victim@evil.test";

    private MailCases() {}

    public static List<ConformanceCase> all() {
        return List.of(
                mailSyntax(),
                mail5xx(),
                mail4xx(),
                mail421(),
                mailParamRejected(),
                mailNoNegativeCache(),
                crlfInjection());
    }

    static ConformanceCase mailSyntax() {
        return ConformanceCase.builder("MAIL-SYNTAX", "MAIL FROM:<path> exactly, case kept, <> for the null sender")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.3", "RFC 5321 §4.1.2", "RFC 5321 §2.4", "RFC 5321 §4.5.3.1")
                .rationale("Servers parse the path by the grammar; the local part is case-sensitive and only the"
                        + " receiving host may interpret it.")
                .requests(withSender(SENDERS.get(0)), withSender(SENDERS.get(1)), withSender(SENDERS.get(2)))
                .oracle(MailCases::mailLinesExact)
                .build();
    }

    static ConformanceCase mail5xx() {
        return ConformanceCase.builder("MAIL-5XX", "A rejected sender ends the transaction")
                .phase(Phase.MAIL)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 5321 §3.3", "RFC 5321 §4.1.4", "RFC 5321 §4.2.1", "RFC 5321 §4.3.2")
                .rationale("After 5yz to MAIL there is no transaction: RCPT and DATA can only be errors.")
                // Lock-step: without PIPELINING a command after the refusal was sent after reading it. A pipelining
                // client's RCPT and DATA may have left before the refusal arrived (PIPE-EARLY-REJECT is that case).
                .server(builder -> builder.disable(SmtpExtension.PIPELINING))
                .requests(STANDARD, STANDARD, STANDARD, STANDARD)
                .rules(
                        onMail().matching(sessionNumber(1)).willReply(550, "5.7.1", "Sender rejected"),
                        onMail().matching(sessionNumber(2)).willReply(553, "5.1.8", "Sender address rejected"),
                        onMail().matching(sessionNumber(3)).willReply(501, "5.1.7", "Bad sender address syntax"),
                        onMail().matching(sessionNumber(4)).willReply(552, "5.3.4", "Message too big for system"))
                .oracle(observation -> noTransactionCommandsAfter(observation, code -> code / 100 == 5)
                        .and(noIdenticalRepeat(observation))
                        .and(TransactionChecks.outcomesByClass(observation, 550, 553, 501, 552)))
                .build();
    }

    static ConformanceCase mail4xx() {
        return ConformanceCase.builder("MAIL-4XX", "A temporarily refused sender: transient, no RCPT, no retry at once")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.2.1", "RFC 5321 §4.5.4.1")
                .rationale("4yz means try again later: the transaction is over, and a retry must be delayed.")
                // Lock-step: without PIPELINING a command after the refusal was sent after reading it. A pipelining
                // client's RCPT and DATA may have left before the refusal arrived (PIPE-EARLY-REJECT is that case).
                .server(builder -> builder.disable(SmtpExtension.PIPELINING))
                .requests(STANDARD, STANDARD, STANDARD, STANDARD)
                .rules(
                        onMail().matching(sessionNumber(1)).willReply(451, "4.3.0", "Temporary failure"),
                        onMail().matching(sessionNumber(2)).willReply(450, "4.7.1", "Sender greylisted"),
                        onMail().matching(sessionNumber(3)).willReply(452, "4.3.1", "Insufficient system storage"),
                        onMail().matching(sessionNumber(4)).willReply(455, "4.5.0", "Cannot accommodate parameters"))
                .oracle(observation -> noTransactionCommandsAfter(observation, code -> code / 100 == 4)
                        .and(noImmediateRetry(observation, "MAIL", 4))
                        .and(TransactionChecks.outcomesByClass(observation, 451, 450, 452, 455)))
                .build();
    }

    static ConformanceCase mail421() {
        return ConformanceCase.builder("MAIL-421", "421 to MAIL: transient, nothing more but QUIT")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.2.2")
                .rationale("421 means the server is closing the channel: the message is to be retried later.")
                // Lock-step: without PIPELINING a command after the refusal was sent after reading it. A pipelining
                // client's RCPT and DATA may have left before the refusal arrived (PIPE-EARLY-REJECT is that case).
                .server(builder -> builder.disable(SmtpExtension.PIPELINING))
                .requests(STANDARD, STANDARD)
                .rules(TransactionChecks.reply421(onMail(), "4.3.2", "Service shutting down", 1, 2, "MAIL-421"))
                .oracle(observation ->
                        TransactionChecks.nothingAfter421(observation).and(TransactionChecks.transient421(observation)))
                .build();
    }

    static ConformanceCase mailParamRejected() {
        return ConformanceCase.builder("MAIL-PARAM-REJECTED", "MAIL parameters refused: no endless retry, by code")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.11", "RFC 5321 §4.2.1")
                .rationale("555 says the parameters are not recognised, 455 that they cannot be accommodated now;"
                        + " repeating the same MAIL gets the same answer.")
                // Lock-step: without PIPELINING a command after the refusal was sent after reading it. A pipelining
                // client's RCPT and DATA may have left before the refusal arrived (PIPE-EARLY-REJECT is that case).
                .server(builder -> builder.disable(SmtpExtension.PIPELINING))
                .requests(dsnRequest(), dsnRequest(), dsnRequest())
                .rules(
                        onMail().matching(sessionNumber(1).and(argument(".*>\\s+\\S.*")))
                                .willReply(555, "5.5.4", "MAIL parameters not recognized"),
                        onMail().matching(sessionNumber(2).and(argument(".*>\\s+\\S.*")))
                                .willReply(455, "4.5.3", "Unable to accommodate parameters now"),
                        onMail().matching(sessionNumber(3).and(argument(".*>\\s+\\S.*")))
                                .willReply(501, "5.5.4", "Syntax error in parameters"))
                .oracle(MailCases::parametersRejected)
                .build();
    }

    static ConformanceCase mailNoNegativeCache() {
        return ConformanceCase.builder("MAIL-NO-NEGATIVE-CACHE", "A sender refused once is tried again")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.4.1")
                .rationale("A 5yz to MAIL must not be cached: the next message from that sender may well be accepted.")
                .requests(STANDARD.repeated(2), STANDARD)
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(onMail().willReply(550, "5.7.1", "Sender rejected").once())
                .oracle(MailCases::senderTriedAgain)
                .build();
    }

    static ConformanceCase crlfInjection() {
        String injected = "RCPT TO:<" + VICTIM + ">";
        return ConformanceCase.builder("CMD-CRLF-INJECTION", "CR or LF in caller values never reaches the wire")
                .phase(Phase.MAIL)
                .level(Level.MUST)
                .rfc("RFC 5321 §2.3.8", "RFC 5321 §4.1.2")
                .rationale("A CR or LF inside a value ends the command early: whoever controls the value adds"
                        + " commands of their own (CVE-2025-7962).")
                .requests(
                        withSender("ann@client.test\r\n" + injected),
                        MailRequest.of(
                                "ann@client.test",
                                List.of("bob@mx.test\n" + injected),
                                ConformanceCase.STANDARD_MESSAGE),
                        STANDARD.withClientName("client.test\r\nMAIL FROM:<evil@evil.test>"),
                        STANDARD.withDsn(null, "HDRS\r\n" + injected))
                .oracle(MailCases::nothingInjected)
                .build();
    }

    /** After MAIL got a code the predicate accepts, no RCPT, DATA or BDAT until RSET, QUIT or a new greeting. */
    static Judgement noTransactionCommandsAfter(Observation observation, IntPredicate refused) {
        List<String> offending = new ArrayList<>();
        int rejectedCode = 0;
        for (Observation.Exchange exchange : observation.exchanges()) {
            String verb = exchange.verb();
            if (verb.equals("MAIL")) {
                rejectedCode = refused.test(exchange.replyCode()) ? exchange.replyCode() : 0;
                continue;
            }
            if (rejectedCode > 0 && (verb.equals("RCPT") || verb.equals("DATA") || verb.equals("BDAT"))) {
                offending.add("S" + (exchange.session() + 1) + " "
                        + exchange.command().line() + " (after " + rejectedCode + ")");
            }
            if (verb.equals("RSET") || verb.equals("QUIT") || verb.equals("EHLO") || verb.equals("HELO")) {
                rejectedCode = 0;
            }
        }
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST_DERIVED,
                "no transaction commands followed the rejected MAIL",
                "the client went on after MAIL was refused: " + offending,
                observation.fullEvidence());
    }

    /** The exact same MAIL was not sent again in the same session (5yz: SHOULD NOT repeat). */
    static Judgement noIdenticalRepeat(Observation observation) {
        for (int index = 0; index < observation.sessions().size(); index++) {
            List<String> mails = observation.exchanges(index).stream()
                    .filter(exchange -> exchange.verb().equals("MAIL"))
                    .map(exchange -> exchange.command().line())
                    .toList();
            if (mails.size() != mails.stream().distinct().count()) {
                return new Judgement(
                        Level.SHOULD.whenBroken(),
                        "the client repeated the same MAIL after a permanent failure",
                        observation.transcript(index));
            }
        }
        return Judgement.pass("the rejected MAIL was not repeated", List.of());
    }

    /** No second MAIL on the same connection and no reconnection after a 4yz (retries MUST be delayed). */
    static Judgement noImmediateRetry(Observation observation, String verb, int requests) {
        List<String> repeated = TransactionChecks.repeatedInSession(observation, verb, 1);
        int sessions = observation.sessions().size();
        if (sessions > requests) {
            repeated.add(sessions + " connections for " + requests + " requests");
        }
        return Judgement.require(
                repeated.isEmpty(),
                Level.MUST,
                "the client did not retry at once",
                "the client retried at once: " + repeated + "; retries must be delayed",
                observation.fullEvidence());
    }

    /**
     * Each sender must appear exactly in a MAIL command. The MAIL lines are looked for in every session, not by
     * session number: a client that refuses a sender itself (LOCAL_REJECT: an application mailer that cannot send
     * the null sender, say) opens no session for it, and that refusal is not a wrong MAIL line.
     */
    private static Judgement mailLinesExact(Observation observation) {
        List<Observation.Exchange> allMails = observation.exchanges().stream()
                .filter(exchange -> exchange.verb().equals("MAIL"))
                .toList();
        List<Observation.Exchange> evidence = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int judged = 0;
        for (int i = 0; i < SENDERS.size(); i++) {
            String sender = SENDERS.get(i);
            Outcome outcome = TransactionChecks.outcome(observation, i);
            if (outcome.kind() == Outcome.Kind.LOCAL_REJECT) {
                continue;
            }
            judged++;
            // The verb and "FROM:" in any case (RFC 5321 §2.4), the path exactly as given.
            Pattern exact = Pattern.compile("(?i:MAIL FROM:)<" + Pattern.quote(sender) + ">( .*)?");
            Optional<Observation.Exchange> match = allMails.stream()
                    .filter(exchange -> exact.matcher(exchange.command().line()).matches())
                    .findFirst();
            if (match.isPresent()) {
                evidence.add(match.get());
                continue;
            }
            List<Observation.Exchange> inItsSession = verbIn(observation, i, "MAIL");
            evidence.addAll(inItsSession);
            wrong.add(
                    inItsSession.isEmpty()
                            ? "no MAIL for <" + sender + "> (" + outcome.label() + ")"
                            : "\"" + inItsSession.get(0).command().line() + "\" for <" + sender + ">");
        }
        if (judged == 0) {
            return Judgement.notApplicable("the client refused every sender of the case itself");
        }
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "every MAIL was exactly MAIL FROM:<path>, case and quoting kept",
                "MAIL did not carry the sender exactly: " + String.join("; ", wrong),
                observation.evidence(evidence));
    }

    /** The exchanges of session i (0-based) with this verb; none when there is no such session. */
    static List<Observation.Exchange> verbIn(Observation observation, int index, String verb) {
        if (index >= observation.sessions().size()) {
            return List.of();
        }
        return observation.exchanges(index).stream()
                .filter(exchange -> exchange.verb().equals(verb))
                .toList();
    }

    private static Judgement parametersRejected(Observation observation) {
        boolean anyParameters = TransactionChecks.clientLinesStartingWith(observation, "MAIL FROM:").stream()
                .anyMatch(line -> line.matches("(?i)MAIL FROM:<[^>]*>\\s+\\S.*"));
        if (!anyParameters) {
            return Judgement.notApplicable("the client sent no MAIL parameters");
        }
        int[] codes = {555, 455, 501};
        List<String> wrong = new ArrayList<>();
        List<String> retried = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            Outcome outcome = TransactionChecks.outcome(observation, i);
            boolean retriedWithout = i < observation.sessions().size()
                    && observation.exchanges(i).stream()
                            .anyMatch(exchange -> exchange.verb().equals("MAIL")
                                    && exchange.command().line().matches("(?i)MAIL FROM:<[^>]*>\\s*")
                                    && exchange.replyCode() / 100 == 2);
            if (retriedWithout && outcome.isDelivered()) {
                retried.add(String.valueOf(codes[i]));
            } else if (outcome.kind() != TransactionChecks.kindOf(codes[i])) {
                wrong.add(codes[i] + " reported as " + outcome.label());
            }
        }
        Judgement byCode = wrong.isEmpty()
                ? Judgement.pass(
                        retried.isEmpty()
                                ? "each refusal was reported by its class: " + TransactionChecks.labels(observation)
                                : "policy: after " + retried + " the client retried once without the parameters",
                        TransactionChecks.outcomeEvidence(observation))
                : new Judgement(
                        Verdict.FAIL,
                        "the client misreported the refusal: " + String.join("; ", wrong),
                        observation.fullEvidence());
        List<String> repeats = repeatedMailLines(observation);
        Judgement noRepeat = Judgement.require(
                repeats.isEmpty(),
                Level.SHOULD,
                "the refused MAIL was not repeated as it was",
                "the client repeated the refused MAIL unchanged: " + repeats,
                observation.fullEvidence());
        return noTransactionCommandsAfter(observation, code -> code / 100 == 4 || code / 100 == 5)
                .and(byCode)
                .and(noRepeat);
    }

    private static List<String> repeatedMailLines(Observation observation) {
        List<String> repeats = new ArrayList<>();
        for (int index = 0; index < observation.sessions().size(); index++) {
            List<String> refused = new ArrayList<>();
            for (Observation.Exchange exchange : observation.exchanges(index)) {
                if (!exchange.verb().equals("MAIL")) {
                    continue;
                }
                String line = exchange.command().line();
                if (refused.contains(line)) {
                    repeats.add("S" + (index + 1) + " " + line);
                }
                if (exchange.replyCode() / 100 != 2) {
                    refused.add(line);
                }
            }
        }
        return repeats;
    }

    private static Judgement senderTriedAgain(Observation observation) {
        long mailsOnFirst = observation.sessions().isEmpty()
                ? 0
                : observation.exchanges(0).stream()
                        .filter(exchange -> exchange.verb().equals("MAIL"))
                        .count();
        boolean secondConnection = observation.sessions().size() > 1
                && observation.exchanges(1).stream()
                        .anyMatch(exchange -> exchange.verb().equals("MAIL"));
        List<String> missing = new ArrayList<>();
        if (mailsOnFirst < 2) {
            missing.add("message 2 on the same connection");
        }
        if (!secondConnection) {
            missing.add("message 3 on a new connection");
        }
        return Judgement.require(
                missing.isEmpty(),
                Level.MUST,
                "after the 550 the same sender was tried again on the same and on a new connection ("
                        + TransactionChecks.labels(observation) + ")",
                "the client did not send MAIL again after the 550 for " + missing + ": it cached the rejection",
                observation.fullEvidence());
    }

    private static Judgement nothingInjected(Observation observation) {
        List<String> injected =
                new ArrayList<>(TransactionChecks.clientLinesStartingWith(observation, "RCPT TO:<" + VICTIM));
        injected.addAll(TransactionChecks.clientLinesStartingWith(observation, "MAIL FROM:<evil@evil.test"));
        observation
                .sessions()
                .forEach(session -> session.violations().stream()
                        .filter(violation -> violation.type() == Violation.Type.BARE_LF_IN_COMMAND
                                || violation.type() == Violation.Type.BARE_CR_IN_COMMAND)
                        .forEach(violation -> injected.add(violation.toString())));
        if (!injected.isEmpty()) {
            return new Judgement(
                    Verdict.FAIL,
                    "a CR or LF from a caller's value reached the server: " + injected,
                    observation.fullEvidence());
        }
        List<String> notRefused = new ArrayList<>();
        String[] variants = {"sender", "recipient", "EHLO name", "DSN RET value"};
        for (int i = 0; i < variants.length; i++) {
            Outcome outcome = TransactionChecks.outcome(observation, i);
            boolean dsnIgnored = i == 3
                    && verbIn(observation, i, "MAIL").stream()
                            .noneMatch(mail -> mail.command()
                                    .line()
                                    .toUpperCase(Locale.ROOT)
                                    .contains(" RET="));
            if (outcome.kind() != Outcome.Kind.LOCAL_REJECT && !dsnIgnored) {
                notRefused.add(variants[i] + ": " + outcome.label());
            }
        }
        return Judgement.require(
                notRefused.isEmpty(),
                Level.ROBUST,
                "every value with CR or LF was refused before anything reached the wire ("
                        + TransactionChecks.labels(observation) + ")",
                "no injection, but the client did not refuse the value: " + String.join("; ", notRefused),
                observation.fullEvidence());
    }

    private static MailRequest withSender(String sender) {
        return MailRequest.of(sender, List.of("bob@mx.test"), ConformanceCase.STANDARD_MESSAGE);
    }

    private static MailRequest dsnRequest() {
        return STANDARD.withDsn("SUCCESS,FAILURE", "HDRS");
    }
}
