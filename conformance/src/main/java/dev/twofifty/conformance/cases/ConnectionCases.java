package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Rules.onConnect;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.protocol.SmtpReply;
import dev.twofifty.script.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Catalogue §2.1: connection and greeting. */
public final class ConnectionCases {

    private ConnectionCases() {}

    public static List<ConformanceCase> all() {
        return List.of(greetWait(), greetSlow(), greetMultiline(), greet554(), greet421(), greet521());
    }

    static ConformanceCase greetWait() {
        return ConformanceCase.builder("GREET-WAIT", "Nothing sent before the greeting")
                .phase(Phase.CONNECTION)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.3.1")
                .rationale(
                        "The server may be checking the client before it greets; early talkers look like spam engines.")
                .rules(scale -> List.of(onConnect().willDelay(scale.hold(3000))))
                .oracle(ConnectionCases::nothingBeforeGreeting)
                .build();
    }

    static ConformanceCase greetSlow() {
        return ConformanceCase.builder("GREET-SLOW", "A greeting held for 60 s is waited for")
                .phase(Phase.CONNECTION)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.3.2.1")
                .rationale("The initial 220 timeout should be at least 5 minutes; busy servers greet late.")
                .rules(scale -> List.of(onConnect().willDelay(scale.millis(60_000))))
                .oracle(observation -> Checks.outcome(observation, Set.of(Outcome.Kind.DELIVERED), 0, Level.SHOULD)
                        .and(nothingBeforeGreeting(observation)))
                .build();
    }

    static ConformanceCase greetMultiline() {
        return ConformanceCase.builder("GREET-MULTILINE", "A multi-line greeting is read to its last line")
                .phase(Phase.CONNECTION)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 5321 §4.2", "RFC 5321 §4.2.1")
                .rationale(
                        "A reply ends at the line with a space after the code; reading less desynchronises every later reply.")
                .rules(scale -> List.of(onConnect()
                        .willReply(SmtpReply.multiline(220, List.of("mx.test hello", "second line", "ready")))
                        .willFragment(scale.hold(500), 19, 36)))
                .oracle(observation -> {
                    Judgement order = nothingBeforeGreeting(observation);
                    return order.verdict() == dev.twofifty.conformance.Verdict.PASS
                            ? Checks.outcome(observation, Set.of(Outcome.Kind.DELIVERED), 0, Level.MUST_DERIVED)
                            : new Judgement(
                                    dev.twofifty.conformance.Verdict.FAIL,
                                    "the client spoke before the last line of the greeting",
                                    order.evidence());
                })
                .build();
    }

    static ConformanceCase greet554() {
        return ConformanceCase.builder("GREET-554", "A 554 greeting: no mail commands, QUIT")
                .phase(Phase.CONNECTION)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.1", "RFC 5321 §4.1.1.10", "RFC 5321 §4.1.4")
                .rationale(
                        "554 instead of 220 means no service here; the server waits for QUIT and answers 503 to the rest.")
                .rules(onConnect().willReply(554, "5.3.2", "No SMTP service here"))
                .oracle(observation -> Checks.onlyQuitAfter(observation, "554 .*", Level.MUST, "the 554 greeting")
                        .and(Checks.quitInEverySession(observation, Level.MUST))
                        .and(Checks.outcome(observation, Set.of(Outcome.Kind.PERMANENT), 554, Level.MUST)))
                .build();
    }

    static ConformanceCase greet421() {
        return ConformanceCase.builder("GREET-421", "A 421 greeting: temporary, no commands, no reconnect storm")
                .phase(Phase.CONNECTION)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.2.1", "RFC 5321 §4.5.4.1")
                .rationale("421 means try later: the server closes, and retries must be delayed.")
                .rules(onConnect().willReply(421, "4.3.2", "Try again later"))
                .oracle(observation -> Checks.onlyQuitAfter(observation, "421 .*", Level.MUST, "the 421 greeting")
                        .and(Checks.outcome(observation, Set.of(Outcome.Kind.TRANSIENT), 421, Level.MUST))
                        .and(Checks.noReconnect(observation, 1, Level.MUST, "retries must be delayed")))
                .build();
    }

    static ConformanceCase greet521() {
        return ConformanceCase.builder("GREET-521", "A 521 greeting: permanent, no retry")
                .phase(Phase.CONNECTION)
                .level(Level.MUST)
                .rfc("RFC 7504 §3", "RFC 5321 §4.2.1")
                .rationale("521 says the host never accepts mail; retrying is pointless.")
                .rules(onConnect()
                        .willReply(521, "5.3.2", "Host does not accept mail")
                        .willFault(Fault.replyThenClose()))
                .oracle(observation -> Checks.outcome(observation, Set.of(Outcome.Kind.PERMANENT), 521, Level.MUST)
                        .and(Checks.noReconnect(observation, 1, Level.SHOULD, "5yz should not be repeated")))
                .build();
    }

    /** No client line in the first session arrived before the last greeting line was sent. */
    static Judgement nothingBeforeGreeting(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return Judgement.pass("the client did not connect", List.of(observation.outcomeEvidence()));
        }
        List<TranscriptEntry> transcript = observation.sessions().get(0).transcript();
        Optional<TranscriptEntry> greeting = transcript.stream()
                .filter(TranscriptEntry::isServerLine)
                .filter(entry -> entry.line().length() > 3 && entry.line().charAt(3) == ' ')
                .findFirst();
        Duration greetedAt = greeting.map(TranscriptEntry::at).orElse(Duration.ofDays(1));
        List<TranscriptEntry> early = transcript.stream()
                .filter(entry ->
                        entry.from() == TranscriptEntry.Party.CLIENT && entry.kind() != TranscriptEntry.Kind.EVENT)
                .filter(entry -> entry.at().compareTo(greetedAt) < 0)
                .toList();
        boolean earlyTalker = observation.sessions().get(0).violations().stream()
                .anyMatch(violation -> violation.type() == dev.twofifty.journal.Violation.Type.EARLY_TALKER);
        return Judgement.require(
                early.isEmpty() && !earlyTalker,
                Level.SHOULD,
                "the client waited for the greeting",
                "the client sent data before the greeting was complete",
                observation.transcript(0));
    }
}
