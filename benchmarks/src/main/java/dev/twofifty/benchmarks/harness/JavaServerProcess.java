package dev.twofifty.benchmarks.harness;

import dev.twofifty.benchmarks.peers.JavaServer;
import dev.twofifty.benchmarks.peers.PeerServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Java server in a JVM of its own, running {@link PeerServer} and driven through its standard input
 * and output. Its standard error goes to a log file.
 */
final class JavaServerProcess implements ServerProcess {

    /** Starting includes touching the whole heap when the options say {@code -XX:+AlwaysPreTouch}. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** Counting 100,000 stored GreenMail messages or collecting a full heap can take seconds. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(120);

    /** Put in the reply queue when the child's output ends, so that a waiting command fails at once. */
    private static final String END_OF_OUTPUT = "\u0000end of output";

    private final ServerKind kind;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies;
    private final Path log;
    private final int port;

    private JavaServerProcess(
            ServerKind kind, Process process, Writer commands, BlockingQueue<String> replies, Path log, int port) {
        this.kind = kind;
        this.process = process;
        this.commands = commands;
        this.replies = replies;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code server} in a new JVM with these options and this class path, and waits until it listens. */
    static JavaServerProcess start(ServerKind kind, List<String> jvmOptions, String classPath, Path log)
            throws IOException {
        JavaServer server = kind.java().orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, PeerServer.class.getName(), server.id()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readReplies(process, replies), "peer-output-" + server.id());
        reader.setDaemon(true);
        reader.start();
        Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        String ready = take(replies, START_TIMEOUT, process, log, "READY");
        if (!ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IOException(server.id() + " did not start: '" + ready + "'; see " + log);
        }
        int port = Integer.parseInt(ready.substring("READY ".length()).trim());
        return new JavaServerProcess(kind, process, commands, replies, log, port);
    }

    private static void readReplies(Process process, BlockingQueue<String> replies) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                // Anything not of the protocol was printed by a server library; it is not a reply.
                if (line.startsWith(PeerServer.PREFIX)) {
                    replies.add(line.substring(PeerServer.PREFIX.length()));
                }
            }
        } catch (IOException e) {
            // The process is gone; the end marker below tells a waiting command.
        }
        replies.add(END_OF_OUTPUT);
    }

    private static String take(
            BlockingQueue<String> replies, Duration timeout, Process process, Path log, String awaited)
            throws IOException {
        String reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + awaited, e);
        }
        if (reply == null) {
            throw new IOException("No reply to " + awaited + " within " + timeout + "; see " + log);
        }
        if (reply.equals(END_OF_OUTPUT)) {
            replies.add(END_OF_OUTPUT);
            throw new IOException("The server's JVM ended while waiting for " + awaited + " (exit code "
                    + exitCode(process) + "); see " + log);
        }
        return reply;
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String ask(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String reply = take(replies, REPLY_TIMEOUT, process, log, command);
        if (!reply.startsWith("OK")) {
            throw new IOException(kind.id() + " answered " + command + " with '" + reply + "'");
        }
        return reply.substring("OK".length()).trim();
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** The Java servers store a message before they reply {@code 250}, so their count is read once. */
    @Override
    public long storedMessages(long expected) throws IOException {
        return Long.parseLong(ask("COUNT"));
    }

    @Override
    public void clearStore() throws IOException {
        ask("CLEAR");
    }

    @Override
    public OptionalLong heapUsedAfterGc() throws IOException {
        return OptionalLong.of(Long.parseLong(ask("HEAP")));
    }

    @Override
    public OptionalInt javaThreads() throws IOException {
        return OptionalInt.of(Integer.parseInt(ask("THREADS")));
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                ask("EXIT");
            }
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (IOException e) {
            // Stopping below either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
