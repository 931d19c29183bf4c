package dev.twofifty.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix's {@code smtp-sink} in its own process. It stores nothing; it is counted through its
 * {@code -c} option, which prints {@code sess=N quit=N mesg=N} each time a session ends, a QUIT
 * arrives or a message's final dot is received. The last {@code mesg} value is the count.
 */
final class SmtpSinkProcess implements ServerProcess {

    /** Enough for the 10,000 idle connections; the default of 256 would leave the rest in the backlog. */
    private static final int MAX_CONCURRENCY = 15_000;

    private static final int BACKLOG = 1_024;

    /** The same idle timeout as the Java servers ({@code JavaServer.IDLE_TIMEOUT}), in seconds. */
    private static final int COMMAND_TIMEOUT_SECONDS = 300;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The counter line may be printed just after the {@code 250} reply that let the client finish, so a
     * count is awaited this long before a difference is reported.
     */
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(5);

    private static final Pattern MESSAGES = Pattern.compile("mesg=(\\d+)");

    private final Process process;
    private final int port;
    private final Object counterLock = new Object();
    private long messages;
    private long cleared;

    private SmtpSinkProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code smtp-sink} on a free loopback port and waits until it greets. */
    static SmtpSinkProcess start(Path executable, Path log) throws IOException {
        IOException last = null;
        // A free port found here can be taken by someone else before smtp-sink binds it; then try another.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            if (ProcStatus.runningAsRoot()) {
                // smtp-sink refuses to run as root; it drops to this user after binding.
                command.addAll(List.of("-u", "nobody"));
            }
            command.addAll(List.of(
                    "-c",
                    "-m",
                    String.valueOf(MAX_CONCURRENCY),
                    "-t",
                    String.valueOf(COMMAND_TIMEOUT_SECONDS),
                    "127.0.0.1:" + port,
                    String.valueOf(BACKLOG)));
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            SmtpSinkProcess sink = new SmtpSinkProcess(process, port);
            Thread reader = new Thread(() -> sink.readCounters(process.getInputStream()), "smtp-sink-counter");
            reader.setDaemon(true);
            reader.start();
            try {
                awaitGreeting(process, port);
                return sink;
            } catch (IOException e) {
                process.destroyForcibly();
                last = e;
            }
        }
        throw new IOException("smtp-sink did not start; see " + log, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until smtp-sink greets on its port. It announces nothing when it starts listening, so this
     * connects until a connection is accepted, backing off a millisecond between refused attempts.
     */
    private static void awaitGreeting(Process process, int port) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("smtp-sink exited with code " + process.exitValue());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                probe.setSoTimeout(5_000);
                String greeting = SmtpLines.readReply(probe.getInputStream());
                if (!greeting.startsWith("220")) {
                    throw new IOException("smtp-sink greeted with '" + greeting + "'");
                }
                SmtpLines.quit(probe);
                return;
            } catch (java.net.ConnectException notYetListening) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        throw new IOException("smtp-sink did not listen on port " + port + " within " + START_TIMEOUT);
    }

    /** Reads the counter lines, which {@code -c} ends with a carriage return. */
    private void readCounters(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.US_ASCII))) {
            StringBuilder line = new StringBuilder();
            for (int c = reader.read(); c >= 0; c = reader.read()) {
                if (c != '\r' && c != '\n') {
                    line.append((char) c);
                    continue;
                }
                Matcher matcher = MESSAGES.matcher(line);
                if (matcher.find()) {
                    synchronized (counterLock) {
                        messages = Long.parseLong(matcher.group(1));
                        counterLock.notifyAll();
                    }
                }
                line.setLength(0);
            }
        } catch (IOException e) {
            // smtp-sink ended; the count stays where it was.
        }
    }

    @Override
    public ServerKind kind() {
        return ServerKind.SMTP_SINK;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public long storedMessages(long expected) throws IOException {
        long deadline = System.nanoTime() + COUNT_TIMEOUT.toNanos();
        synchronized (counterLock) {
            try {
                for (long left = COUNT_TIMEOUT.toNanos();
                        messages - cleared < expected && left > 0;
                        left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(counterLock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while counting smtp-sink's messages", e);
            }
            return messages - cleared;
        }
    }

    @Override
    public void clearStore() {
        synchronized (counterLock) {
            cleared = messages;
        }
    }

    @Override
    public OptionalLong heapUsedAfterGc() {
        return OptionalLong.empty();
    }

    @Override
    public OptionalInt javaThreads() {
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
