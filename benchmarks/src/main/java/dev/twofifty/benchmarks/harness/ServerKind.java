package dev.twofifty.benchmarks.harness;

import dev.twofifty.benchmarks.peers.JavaServer;
import java.util.Arrays;
import java.util.Optional;

/** The servers a run can measure: the three Java servers and Postfix's {@code smtp-sink}. */
enum ServerKind {
    TWOFIFTY(JavaServer.TWOFIFTY),
    GREENMAIL(JavaServer.GREENMAIL),
    WISER(JavaServer.WISER),
    SMTP_SINK(null);

    private final JavaServer java;

    ServerKind(JavaServer java) {
        this.java = java;
    }

    /** The Java server, or empty for {@code smtp-sink}. */
    Optional<JavaServer> java() {
        return Optional.ofNullable(java);
    }

    boolean isJava() {
        return java != null;
    }

    /** The name on the command line: {@code twofifty}, {@code greenmail}, {@code wiser} or {@code smtp-sink}. */
    String id() {
        return java == null ? "smtp-sink" : java.id();
    }

    /** The name in reports. */
    String displayName() {
        return java == null ? "smtp-sink" : java.displayName();
    }

    /**
     * How many stored messages the server must report after accepting {@code messages} messages of
     * {@code recipients} recipients each. GreenMail and Wiser store one copy per recipient (see
     * {@link JavaServer}); TwoFifty journals each message once, and {@code smtp-sink -c} counts each
     * end of data once.
     */
    long expectedStored(long messages, int recipients) {
        return switch (this) {
            case GREENMAIL, WISER -> messages * recipients;
            case TWOFIFTY, SMTP_SINK -> messages;
        };
    }

    static ServerKind byId(String id) {
        return Arrays.stream(values())
                .filter(kind -> kind.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown server '" + id + "'; expected twofifty, greenmail, wiser or smtp-sink"));
    }
}
