package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Rules.onMail;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Catalogue §2.5: MAIL. */
public final class MailCases {

    private MailCases() {}

    public static List<ConformanceCase> all() {
        return List.of(mail5xx());
    }

    static ConformanceCase mail5xx() {
        return ConformanceCase.builder("MAIL-5XX", "A rejected sender ends the transaction")
                .phase(Phase.MAIL)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 5321 §3.3", "RFC 5321 §4.1.4", "RFC 5321 §4.2.1")
                .rationale("After 5yz to MAIL there is no transaction: RCPT and DATA can only be errors.")
                .rules(onMail().willReply(550, "5.7.1", "Sender rejected"))
                .oracle(observation -> noTransactionCommandsAfter(observation, 550)
                        .and(noIdenticalRepeat(observation))
                        .and(Checks.outcome(observation, Set.of(Outcome.Kind.PERMANENT), 550, Level.MUST)))
                .build();
    }

    /** After MAIL got this code, no RCPT, DATA or content that was sent after the reply. */
    static Judgement noTransactionCommandsAfter(Observation observation, int code) {
        List<Observation.Exchange> exchanges = observation.exchanges();
        List<String> offending = new ArrayList<>();
        boolean rejected = false;
        for (Observation.Exchange exchange : exchanges) {
            String verb = exchange.verb();
            if (verb.equals("MAIL")) {
                rejected = exchange.replyCode() == code;
                continue;
            }
            if (rejected && (verb.equals("RCPT") || verb.equals("DATA") || verb.equals("BDAT"))) {
                offending.add(exchange.command().line());
            }
            if (verb.equals("RSET") || verb.equals("QUIT") || verb.equals("EHLO") || verb.equals("HELO")) {
                rejected = false;
            }
        }
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST_DERIVED,
                "no transaction commands followed the rejected MAIL",
                "the client went on after the " + code + " to MAIL with " + offending,
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
}
