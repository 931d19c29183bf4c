package dev.twofifty.conformance.cases;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.Phase;
import java.util.List;

/** Catalogue §2.10: QUIT. */
public final class QuitCases {

    private QuitCases() {}

    public static List<ConformanceCase> all() {
        return List.of(quitLast());
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
}
