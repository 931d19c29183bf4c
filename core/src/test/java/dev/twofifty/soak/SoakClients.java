package dev.twofifty.soak;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the soak test ({@link ServerSoak}), in a process of its own so that its
 * sockets do not count against the server's file descriptor limit (20,000 per process here, which
 * cannot be raised). It opens many idle connections, then, while they stay open, runs slowloris
 * clients, resets in the middle of DATA, TLS garbage on the implicit-TLS port and after STARTTLS,
 * pipelined floods (read and unread), random octets and pipelined transactions, and finally checks
 * that every idle connection still answers.
 *
 * <p>Protocol on stdout: {@code READY <idle>} once the idle connections are greeted; then it waits
 * for a line on stdin to start; {@code ACCEPTED <soak id> <message id>} for every message the server
 * acknowledged with 250; {@code STAT <name> <count>}; {@code FAIL <text>} for each failure; {@code
 * DONE <failures>} last. The exit status is the number of failures, capped at 100.
 *
 * <p>Arguments: host, SMTP port, SMTPS port, idle connections, slowloris connections, seconds of
 * hostile load, worker threads.
 */
public final class SoakClients {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final byte[] SLOWLORIS_SCRIPT =
            "EHLO slowloris.example\r\nNOOP\r\nMAIL FROM:<slow@soak.example>\r\nRSET\r\n"
                    .getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final int smtpsPort;
    private final PrintStream out = System.out;
    private final Map<String, AtomicLong> stats = new ConcurrentHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sequence = new AtomicInteger();

    private SoakClients(String host, int port, int smtpsPort) {
        this.host = host;
        this.port = port;
        this.smtpsPort = smtpsPort;
    }

    public static void main(String[] args) throws Exception {
        SoakClients clients = new SoakClients(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        int failures = clients.run(
                Integer.parseInt(args[3]),
                Integer.parseInt(args[4]),
                Integer.parseInt(args[5]),
                Integer.parseInt(args[6]));
        System.exit(Math.min(failures, 100));
    }

    private int run(int idleCount, int slowlorisCount, int seconds, int workers) throws Exception {
        long limit = maxFileDescriptors();
        if (limit > 0 && limit < idleCount + slowlorisCount + workers + 200L) {
            fail("this process may open " + limit + " files, too few for " + idleCount + " idle connections");
            return finish();
        }
        List<Socket> idle = new ArrayList<>(idleCount);
        for (int i = 0; i < idleCount; i++) {
            Socket socket = connect(port);
            expect(readLine(socket.getInputStream()), "220 ", "greeting of idle connection " + i);
            idle.add(socket);
        }
        count("idle connections greeted", idle.size());
        out.println("READY " + idle.size());
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < slowlorisCount; i++) {
            Socket socket = connect(port);
            expect(readLine(socket.getInputStream()), "220 ", "greeting of slowloris " + i);
            slow.add(socket);
        }
        ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger dripped = new AtomicInteger();
        dripper.scheduleAtFixedRate(
                () -> {
                    byte octet = SLOWLORIS_SCRIPT[dripped.getAndIncrement() % SLOWLORIS_SCRIPT.length];
                    for (Socket socket : slow) {
                        try {
                            socket.getOutputStream().write(octet);
                        } catch (IOException e) {
                            fail("slowloris connection failed: " + e);
                        }
                    }
                },
                0,
                2,
                TimeUnit.SECONDS);

        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                while (System.nanoTime() < deadline) {
                    runOne(sequence.getAndIncrement());
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS)) {
            fail("the workers did not finish");
        }
        dripper.shutdownNow();
        count("slowloris octets sent per connection", dripped.get());
        for (Socket socket : slow) {
            socket.close();
        }

        // Every idle connection is still open and answers: QUIT to all, then read every 221.
        int answered = 0;
        for (Socket socket : idle) {
            socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        for (Socket socket : idle) {
            String reply = readLine(socket.getInputStream());
            if (reply != null && reply.startsWith("221 ")) {
                answered++;
            }
            socket.close();
        }
        count("idle connections answering QUIT at the end", answered);
        if (answered != idle.size()) {
            fail((idle.size() - answered) + " idle connections did not answer QUIT at the end");
        }
        return finish();
    }

    private int finish() {
        new TreeMap<>(stats).forEach((name, value) -> out.println("STAT " + name.replace(' ', '_') + " " + value));
        synchronized (failures) {
            failures.stream().limit(50).forEach(failure -> out.println("FAIL " + failure));
        }
        out.println("DONE " + failures.size());
        out.flush();
        return failures.size();
    }

    private void runOne(int n) {
        String name = switch (n % 8) {
            case 0 -> "reset in DATA";
            case 1 -> "TLS garbage on the SMTPS port";
            case 2 -> "TLS garbage after STARTTLS";
            case 3 -> "pipelined flood";
            case 4 -> "flood without reading";
            case 5 -> "random octets";
            case 6 -> "pipelined transactions";
            default -> "reset in BDAT";
        };
        long start = System.nanoTime();
        try {
            switch (n % 8) {
                case 0 -> resetInData(n);
                case 1 -> tlsGarbage(n, false);
                case 2 -> tlsGarbage(n, true);
                case 3 -> flood();
                case 4 -> floodWithoutReading();
                case 5 -> randomOctets(n);
                case 6 -> pipelinedTransactions(n);
                default -> resetInBdat(n);
            }
            count(name, 1);
            count(name + " milliseconds", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            fail(name + " #" + n + ": " + e);
        }
    }

    // ---- behaviours

    private void resetInData(int n) throws IOException {
        try (Socket socket = greeted(port, "reset" + n)) {
            write(socket, "MAIL FROM:<reset@soak.example>\r\nRCPT TO:<x@soak.example>\r\nDATA\r\n");
            InputStream in = socket.getInputStream();
            expect(readReply(in), "250 ", "MAIL");
            expect(readReply(in), "250 ", "RCPT");
            expect(readReply(in), "354 ", "DATA");
            write(socket, "X-Soak-Id: never-" + n + "\r\nSubject: cut\r\n\r\n.half a line that never ends");
            reset(socket);
        }
    }

    private void resetInBdat(int n) throws IOException {
        try (Socket socket = greeted(port, "bdat" + n)) {
            write(socket, "MAIL FROM:<reset@soak.example>\r\nRCPT TO:<x@soak.example>\r\nBDAT 100000 LAST\r\n");
            InputStream in = socket.getInputStream();
            expect(readReply(in), "250 ", "MAIL");
            expect(readReply(in), "250 ", "RCPT");
            write(socket, "X-Soak-Id: never-" + n + "\r\n\r\nonly a little of 100000 octets");
            reset(socket);
        }
    }

    private void tlsGarbage(int n, boolean afterStartTls) throws IOException {
        Random random = new Random(n);
        byte[] garbage = new byte[200 + random.nextInt(2000)];
        random.nextBytes(garbage);
        if (n % 3 == 0) {
            // A TLS handshake record header with a plausible length, then garbage.
            garbage[0] = 0x16;
            garbage[1] = 0x03;
            garbage[2] = 0x01;
            garbage[3] = (byte) ((garbage.length - 5) >> 8);
            garbage[4] = (byte) (garbage.length - 5);
        } else {
            garbage[0] = (byte) (random.nextInt(0x14));
        }
        Socket socket = afterStartTls ? greeted(port, "starttls" + n) : connect(smtpsPort);
        try (socket) {
            if (afterStartTls) {
                expect(command(socket, "STARTTLS"), "220 ", "STARTTLS");
            }
            socket.getOutputStream().write(garbage);
            byte[] answer = readUntilClosed(socket.getInputStream());
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            if (text.contains("220 ") || text.contains("250 ")) {
                throw new IllegalStateException("the server answered TLS garbage in plaintext");
            }
        }
    }

    private void flood() throws IOException {
        int commands = 5_000;
        try (Socket socket = greeted(port, "flood")) {
            write(socket, "NOOP\r\n".repeat(commands) + "QUIT\r\n");
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            int ok = 0;
            String line;
            while ((line = readLine(in)) != null && !line.startsWith("221 ")) {
                if (line.equals("250 2.0.0 OK")) {
                    ok++;
                }
            }
            if (ok != commands || line == null) {
                throw new IllegalStateException(ok + " of " + commands + " pipelined NOOPs answered, then " + line);
            }
        }
    }

    private void floodWithoutReading() throws IOException {
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_WRITE);
            ByteBuffer chunk = ByteBuffer.wrap("NOOP\r\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
            long written = 0;
            while (written < 256L << 20) {
                if (selector.select(2_000) == 0) {
                    count("floods throttled by the server", 1);
                    channel.socket().setSoLinger(true, 0);
                    return;
                }
                selector.selectedKeys().clear();
                written += channel.write(chunk);
                if (!chunk.hasRemaining()) {
                    chunk.rewind();
                }
            }
            throw new IllegalStateException("the server read " + written + " octets from a client that never read");
        }
    }

    private void randomOctets(int n) throws IOException {
        Random random = new Random(n);
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        String[] pieces = {"\r\n", "\n", "\r", ".", "\0", "EHLO x\r\n", "DATA\r\n", "BDAT 7\r\n", "MAIL FROM:<a@b>\r\n"
        };
        for (int i = 0; i < 200 + random.nextInt(800); i++) {
            if (random.nextBoolean()) {
                octets.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.US_ASCII));
            } else {
                octets.write(random.nextInt(256));
            }
        }
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(octets.toByteArray());
            socket.shutdownOutput();
            readUntilClosed(socket.getInputStream());
        }
    }

    private void pipelinedTransactions(int n) throws IOException {
        try (Socket socket = greeted(port, "pipelined" + n)) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "bdat-" + n + "-" + i;
                ids.add(id);
                byte[] content = SoakMessages.content(id);
                batch.writeBytes(ascii(envelope(id) + "BDAT " + content.length + " LAST\r\n"));
                batch.writeBytes(content);
            }
            batch.writeBytes(ascii(envelope("data-" + n) + "DATA\r\n"));
            socket.getOutputStream().write(batch.toByteArray());
            InputStream in = socket.getInputStream();
            for (String id : ids) {
                expect(readReply(in), "250 ", "MAIL of " + id);
                expect(readReply(in), "250 ", "RCPT of " + id);
                accepted(id, expect(readReply(in), "250 ", "BDAT LAST of " + id));
            }
            expect(readReply(in), "250 ", "MAIL of data-" + n);
            expect(readReply(in), "250 ", "RCPT of data-" + n);
            expect(readReply(in), "354 ", "DATA of data-" + n);
            socket.getOutputStream().write(SoakMessages.dotStuffed(SoakMessages.content("data-" + n)));
            accepted("data-" + n, command(socket, "."));
            expect(command(socket, "QUIT"), "221 ", "QUIT");
        }
    }

    private void accepted(String id, String reply) {
        long messageId = SoakMessages.queuedId(reply);
        if (messageId < 0) {
            throw new IllegalStateException("no message id in " + reply);
        }
        synchronized (out) {
            out.println("ACCEPTED " + id + " " + messageId);
        }
    }

    // ---- sockets

    private Socket connect(int target) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, target), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private Socket greeted(int target, String name) throws IOException {
        Socket socket = connect(target);
        expect(readLine(socket.getInputStream()), "220 ", "greeting");
        expect(command(socket, "EHLO " + name + ".soak.example"), "250 ", "EHLO");
        return socket;
    }

    private static String envelope(String id) {
        return "MAIL FROM:<sender@soak.example>\r\nRCPT TO:<" + id + "@rcpt.soak.example>\r\n";
    }

    private static String command(Socket socket, String line) throws IOException {
        write(socket, line + "\r\n");
        return readReply(socket.getInputStream());
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(ascii(text));
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** The last line of a (possibly multi-line) reply. */
    private static String readReply(InputStream in) throws IOException {
        String line;
        do {
            line = readLine(in);
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                all.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("the server kept the connection open for " + TIMEOUT_MILLIS + " ms");
        } catch (IOException e) {
            // A reset by the server also ends the connection.
        }
        return all.toByteArray();
    }

    private static String expect(String reply, String prefix, String what) {
        if (reply == null || !reply.startsWith(prefix)) {
            throw new IllegalStateException(what + ": expected " + prefix.trim() + " but got " + reply);
        }
        return reply;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void count(String name, long amount) {
        stats.computeIfAbsent(name, key -> new AtomicLong()).addAndGet(amount);
    }

    private void fail(String text) {
        failures.add(text);
    }

    private static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
