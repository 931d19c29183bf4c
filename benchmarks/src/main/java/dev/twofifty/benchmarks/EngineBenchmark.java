package dev.twofifty.benchmarks;

import dev.twofifty.ServerConfig;
import dev.twofifty.internal.engine.ScriptEngine;
import dev.twofifty.internal.engine.ServerContext;
import dev.twofifty.internal.engine.SmtpSession;
import dev.twofifty.internal.engine.Transport;
import dev.twofifty.internal.journal.InMemoryJournal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session engine alone, without sockets or Netty: one mail transaction (MAIL, RCPT per recipient, DATA, a
 * 1 KiB message, the final dot) fed the way a lock-step client such as {@code smtp-source} sends it, one command
 * per read, with full journaling. This is the CPU a message costs the server beyond the kernel's share, so
 * changes to the parser, the replies and the journal show here first.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EngineBenchmark {

    @Param({"1", "10"})
    public int recipients;

    private SmtpSession session;
    private CountingTransport transport;
    private List<ByteBuffer> commands;

    @Setup(Level.Trial)
    public void connect() {
        ServerContext context =
                new ServerContext(ServerConfig.defaults(), new ScriptEngine(), new InMemoryJournal(1_000, 10_000));
        transport = new CountingTransport();
        session = context.newSession(transport, "127.0.0.1:40000", false);
        session.start();
        feed(ascii("EHLO client.example\r\n"));
        commands = new ArrayList<>();
        commands.add(ascii("MAIL FROM:<sender@client.example>\r\n"));
        for (int i = 0; i < recipients; i++) {
            commands.add(ascii("RCPT TO:<recipient" + i + "@server.example>\r\n"));
        }
        commands.add(ascii("DATA\r\n"));
        commands.add(ascii(message()));
    }

    @Benchmark
    public long transaction() {
        for (ByteBuffer command : commands) {
            feed(command.duplicate());
        }
        return transport.written;
    }

    private void feed(ByteBuffer bytes) {
        session.onInput(bytes);
        session.onReadComplete();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }

    /** About 1 KiB of headers and body lines, as {@code smtp-source -l 1024} sends, then the final dot. */
    private static String message() {
        StringBuilder message = new StringBuilder()
                .append("From: <sender@client.example>\r\n")
                .append("To: <recipient0@server.example>\r\n")
                .append("Date: Sun, 29 Nov 2026 12:00:00 +0000\r\n")
                .append("Message-Id: <benchmark@client.example>\r\n")
                .append("Subject: benchmark\r\n\r\n");
        while (message.length() < 1024) {
            message.append("La de da de da 1.\r\n");
        }
        return message.append(".\r\n").toString();
    }

    /** Takes what the session writes and keeps only a count; tasks run at once, as on the session's own loop. */
    private static final class CountingTransport implements Transport {
        long written;

        @Override
        public void write(byte[] bytes) {
            written += bytes.length;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public void reset() {}

        @Override
        public void setReading(boolean reading) {}

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> {};
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void startTls() {
            throw new UnsupportedOperationException("no TLS in this benchmark");
        }
    }
}
