package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onQuit;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.TranscriptEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Catalogue §2.10: QUIT. */
public final class QuitCases {

    private QuitCases() {}

    public static List<ConformanceCase> all() {
        return List.of(quitLast(), quitWait221(), quitFailsAfterDelivery(), quitAfterError());
    }

    static ConformanceCase quitLast() {
        return ConformanceCase.builder("QUIT-LAST", "QUIT is the last command of a session")
                .phase(Phase.QUIT)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.10", "RFC 5321 §4.1.4")
                .rationale("The client must not close the connection before sending QUIT.")
                .oracle(observation -> Checks.quitInEverySession(observation, Level.MUST))
                .build();
    }

    static ConformanceCase quitWait221() {
        return ConformanceCase.builder("QUIT-WAIT-221", "After QUIT the client waits for the 221")
                .phase(Phase.QUIT)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.1.1.10")
                .rationale("The sender should wait for the reply to QUIT before closing, so the server ends the"
                        + " session cleanly instead of seeing a dropped connection.")
                .rules(scale -> List.of(onQuit().willDelay(scale.hold(2000))))
                .oracle(QuitCases::waitedFor221)
                .build();
    }

    static ConformanceCase quitFailsAfterDelivery() {
        return ConformanceCase.builder(
                        "QUIT-FAILS-AFTER-DELIVERY", "A failing QUIT does not undo a message already accepted")
                .phase(Phase.QUIT)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.10", "RFC 5321 §6.1")
                .rationale("Once the 250 after the data arrived the server is responsible for the message; reporting"
                        + " a failure because QUIT then failed makes callers send it twice.")
                .rules(scale -> List.of(onQuit().willReply(421, "4.3.2", "mx.test Service shutting down")
                        .willDelay(scale.millis(60_000))))
                .oracle(observation -> Checks.outcome(observation, Set.of(Outcome.Kind.DELIVERED), 0, Level.MUST)
                        .and(Judgement.require(
                                observation.messages().size() <= 1,
                                Level.MUST,
                                "the message arrived once",
                                "the message arrived " + observation.messages().size() + " times",
                                observation.fullEvidence())))
                .build();
    }

    static ConformanceCase quitAfterError() {
        return ConformanceCase.builder("QUIT-AFTER-ERROR", "QUIT also after the server refused the transaction")
                .phase(Phase.QUIT)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.10", "RFC 5321 §4.1.4")
                .rationale("An error reply ends the transaction, not the session: the client still owes the server a"
                        + " QUIT before it closes.")
                .rules(onMail().willReply(550, "5.7.1", "Sender rejected"))
                .oracle(observation -> Checks.quitInEverySession(observation, Level.MUST))
                .build();
    }

    /** Every QUIT the client sent was followed by the 221, not by the client closing while it was held. */
    static Judgement waitedFor221(Observation observation) {
        List<String> evidence = new ArrayList<>();
        List<String> early = new ArrayList<>();
        boolean anyQuit = false;
        for (int session = 0; session < observation.sessions().size(); session++) {
            Optional<Observation.Exchange> quit = Wire.paired(observation, session).stream()
                    .filter(exchange -> Wire.verb(exchange).equals("QUIT"))
                    .findFirst();
            if (quit.isEmpty()) {
                continue;
            }
            anyQuit = true;
            evidence.addAll(Wire.evidence(quit.get()));
            boolean got221 =
                    quit.get().reply().stream().anyMatch(line -> line.line().startsWith("221"));
            if (!got221 && Wire.closedByClient(observation, session)) {
                Duration closedAt = observation.sessions().get(session).transcript().stream()
                        .filter(entry -> entry.kind() == TranscriptEntry.Kind.EVENT
                                && entry.line().startsWith("connection closed"))
                        .map(TranscriptEntry::at)
                        .findFirst()
                        .orElse(quit.get().command().at());
                evidence.addAll(Wire.events(observation, session, "connection closed"));
                early.add("session " + (session + 1) + ": closed "
                        + closedAt.minus(quit.get().command().at()).toMillis() + " ms after QUIT");
            }
        }
        if (!anyQuit) {
            return Judgement.notApplicable("the client sent no QUIT (see QUIT-LAST)");
        }
        evidence.add(observation.outcomeEvidence());
        if (early.isEmpty()) {
            return Judgement.pass("the client waited for the 221 before closing", evidence);
        }
        return new Judgement(
                Verdict.WARN,
                "the client closed the connection before the 221, which was held "
                        + observation.scale().hold(2000).toMillis() + " ms (" + String.join("; ", early) + ")",
                evidence);
    }
}
