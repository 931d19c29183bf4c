package dev.twofifty.benchmarks.peers;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Java SMTP servers the benchmarks compare, each started the way a test would start it: on
 * {@code 127.0.0.1}, an ephemeral port, and storing every message it accepts.
 *
 * <p>Stored messages are counted the way each server stores them. TwoFifty journals one message with
 * its whole envelope; GreenMail delivers one copy into the mailbox of each recipient; Wiser stores one
 * {@code WiserMessage} per recipient. A message with ten recipients is therefore one stored message in
 * TwoFifty and ten in GreenMail and Wiser.
 */
public enum JavaServer {
    /** TwoFifty with its default configuration (full journaling). */
    TWOFIFTY("TwoFifty", TwoFiftyServer::start),
    /** GreenMail with its default in-memory store. */
    GREENMAIL("GreenMail", GreenMailServer::start),
    /** SubEthaSMTP's Wiser, which keeps every message it receives. */
    WISER("Wiser", WiserServer::start);

    /**
     * How long an idle connection may stay open, for every server alike: TwoFifty's default. The peers'
     * own defaults (GreenMail 30 s, Wiser 60 s) would close connections while the harness is still
     * opening the other 9,999 of its idle-connection measurement.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How many connections a server accepts at once, where the server has such a limit: Wiser's default
     * of 1,000 would refuse most of the 10,000 idle connections; TwoFifty's default is 10,000.
     */
    static final int MAX_CONNECTIONS = 20_000;

    private final String displayName;
    private final Supplier<RunningServer> starter;

    JavaServer(String displayName, Supplier<RunningServer> starter) {
        this.displayName = displayName;
        this.starter = starter;
    }

    /** The name used on command lines and in JMH parameters: {@code twofifty}, {@code greenmail} or {@code wiser}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name used in reports. */
    public String displayName() {
        return displayName;
    }

    /** Starts this server and returns once it accepts connections. */
    public RunningServer start() {
        return starter.get();
    }

    /** The server with this {@link #id()}. */
    public static JavaServer byId(String id) {
        return Arrays.stream(values())
                .filter(server -> server.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown server '" + id + "'; expected one of " + Arrays.toString(values())));
    }
}
