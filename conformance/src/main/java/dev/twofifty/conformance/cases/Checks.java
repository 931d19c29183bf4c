package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks that many cases share, each returning a {@link Judgement} with its evidence. */
final class Checks {

    private Checks() {}

    /** After the first server line matching the pattern, the client sent nothing but QUIT. */
    static Judgement onlyQuitAfter(Observation observation, String serverLineRegex, Level level, String what) {
        if (observation.sessions().isEmpty()) {
            return Judgement.pass("the client did not connect", List.of(observation.outcomeEvidence()));
        }
        List<String> after = observation.clientLinesAfterServerLine(0, Pattern.compile(serverLineRegex));
        List<String> others =
                after.stream().filter(line -> !line.equalsIgnoreCase("QUIT")).toList();
        List<String> evidence = new ArrayList<>(observation.transcript(0));
        evidence.add(observation.outcomeEvidence());
        return Judgement.require(
                others.isEmpty(),
                level,
                "after " + what + " the client sent " + (after.isEmpty() ? "nothing" : "only QUIT"),
                "after " + what + " the client sent " + others,
                evidence);
    }

    /**
     * The client's first outcome is of one of these kinds (and has this code, when code > 0 and the client
     * reported one: a lost connection, code 0, and {@link Outcome#NO_CODE} are judged by their kind).
     */
    static Judgement outcome(Observation observation, Set<Outcome.Kind> expected, int code, Level level) {
        Outcome outcome = observation.outcome();
        boolean kindOk = expected.contains(outcome.kind());
        boolean codeOk = code <= 0 || outcome.code() == code || outcome.code() <= 0;
        return Judgement.require(
                kindOk && codeOk,
                level,
                "the client reported " + outcome.label(),
                "the client reported " + outcome.label() + " but " + describe(expected, code) + " is required",
                List.of(observation.outcomeEvidence()));
    }

    /** The client sent QUIT in every session it opened and did not close first. */
    static Judgement quitInEverySession(Observation observation, Level level) {
        List<String> missing = new ArrayList<>();
        for (int index = 0; index < observation.sessions().size(); index++) {
            boolean quit = observation.exchanges(index).stream()
                    .anyMatch(exchange -> exchange.verb().equals("QUIT"));
            if (quit) {
                continue;
            }
            if (observation.leftOpen(index)) {
                // The client returned without QUIT and without closing; the runner's server closed it.
                missing.add("session " + (index + 1) + " (left open)");
                continue;
            }
            boolean serverClosed = observation
                    .sessions()
                    .get(index)
                    .endedBy()
                    .map(end -> end != dev.twofifty.journal.SessionEnd.CLIENT_CLOSE)
                    .orElse(true);
            if (!serverClosed) {
                missing.add("session " + (index + 1));
            }
        }
        return Judgement.require(
                missing.isEmpty(),
                level,
                "the client sent QUIT before closing",
                "the client closed without QUIT in " + missing,
                observation.fullEvidence());
    }

    /** How many sessions the client opened: more than {@code allowed} means it reconnected. */
    static Judgement noReconnect(Observation observation, int allowed, Level level, String why) {
        int sessions = observation.sessions().size();
        return Judgement.require(
                sessions <= allowed,
                level,
                "the client opened " + sessions + (sessions == 1 ? " connection" : " connections"),
                "the client reconnected at once (" + sessions + " connections): " + why,
                observation.fullEvidence());
    }

    private static String describe(Set<Outcome.Kind> kinds, int code) {
        return kinds.stream()
                        .map(Enum::name)
                        .sorted()
                        .reduce((a, b) -> a + " or " + b)
                        .orElse("")
                + (code > 0 ? " (" + code + ")" : "");
    }
}
