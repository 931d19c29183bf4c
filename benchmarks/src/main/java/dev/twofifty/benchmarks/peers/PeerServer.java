package dev.twofifty.benchmarks.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The main class of a server's own JVM in the load harness: {@code PeerServer twofifty|greenmail|wiser}
 * starts that server, prints {@code PEER READY <port>} and then answers one command per line on
 * standard input. Standard input reaching its end stops the server too, so a dying harness leaves no
 * server behind.
 *
 * <table>
 *   <caption>Commands</caption>
 *   <tr><th>Command</th><th>Reply</th></tr>
 *   <tr><td>{@code COUNT}</td><td>{@code PEER OK <messages stored>}</td></tr>
 *   <tr><td>{@code CLEAR}</td><td>{@code PEER OK} once the store is empty</td></tr>
 *   <tr><td>{@code HEAP}</td><td>{@code PEER OK <bytes of heap in use after a full collection>}</td></tr>
 *   <tr><td>{@code THREADS}</td><td>{@code PEER OK <live Java threads>}</td></tr>
 *   <tr><td>{@code EXIT}</td><td>{@code PEER OK}, then the server stops and the JVM exits</td></tr>
 * </table>
 *
 * <p>A command that fails is answered {@code PEER ERR <reason>}. Replies start with {@code PEER } so
 * that anything a server library prints on standard output cannot be taken for one.
 */
public final class PeerServer {

    /** The prefix of every line of the protocol. */
    public static final String PREFIX = "PEER ";

    private final RunningServer server;
    private final PrintStream out;

    private PeerServer(RunningServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PeerServer twofifty|greenmail|wiser");
            System.exit(2);
        }
        try (RunningServer server = JavaServer.byId(args[0]).start()) {
            new PeerServer(server, System.out).serve(System.in);
        }
        // Some servers leave non-daemon threads behind after stopping; the harness waits for this exit.
        System.exit(0);
    }

    private void serve(InputStream commands) throws IOException {
        reply("READY " + server.port());
        BufferedReader in = new BufferedReader(new InputStreamReader(commands, StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.trim();
            if (command.equals("EXIT")) {
                reply("OK");
                return;
            }
            try {
                reply(answer(command));
            } catch (RuntimeException e) {
                reply("ERR " + e);
            }
        }
    }

    private String answer(String command) {
        return switch (command) {
            case "COUNT" -> "OK " + server.storedMessages();
            case "CLEAR" -> {
                server.clearStore();
                yield "OK";
            }
            case "HEAP" -> "OK " + heapUsedAfterGc();
            case "THREADS" -> "OK " + ManagementFactory.getThreadMXBean().getThreadCount();
            default -> "ERR unknown command '" + command + "'";
        };
    }

    /** Heap in use after full collections: two, because the first may leave garbage that finalizes late. */
    private static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void reply(String text) {
        out.println(PREFIX + text);
        out.flush();
    }
}
