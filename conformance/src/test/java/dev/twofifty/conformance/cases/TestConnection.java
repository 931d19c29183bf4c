package dev.twofifty.conformance.cases;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection of the {@link TestSmtpClient}: replies read line by line from the raw socket (or
 * wrongly, as its flaws say), commands written with a write timeout, and a per-command read timeout.
 */
final class TestConnection implements AutoCloseable {

    /** A reply that is not an SMTP reply; the careful client fails the message and drops the connection. */
    static final class ProtocolError extends IOException {
        ProtocolError(String message) {
            super(message);
        }
    }

    /** A complete reply. */
    record Reply(int code, List<String> lines) {
        String text() {
            String last = lines.get(lines.size() - 1);
            return last.length() > 4 ? last.substring(4) : "";
        }

        int replyClass() {
            return code / 100;
        }
    }

    private static final ScheduledExecutorService WRITE_TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "test-client-write-timer");
        thread.setDaemon(true);
        return thread;
    });
    private static final Pattern ENHANCED = Pattern.compile("([245])\\.\\d{1,3}\\.\\d{1,3}\\b.*");
    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Set<Flaw> flaws;
    private final Duration timeout;
    private final long sessionDeadline;
    private long messageDeadline = Long.MAX_VALUE;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;
    boolean dead;

    TestConnection(String host, int port, Duration timeout, Set<Flaw> flaws) throws IOException {
        this.flaws = flaws;
        this.timeout = flaws.contains(Flaw.SHORT_TIMEOUT) ? timeout.dividedBy(20) : timeout;
        this.sessionDeadline = System.nanoTime() + timeout.toNanos();
        socket = new Socket();
        if (flaws.contains(Flaw.SENDS_ALL_BEFORE_READING)) {
            socket.setSendBufferSize(4096);
            socket.setReceiveBufferSize(4096);
        }
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** From now on (DATA) until {@link #endMessage()}, reads and writes share a third of the timeout. */
    void startMessage() {
        if (flaws.contains(Flaw.WHOLE_MESSAGE_DEADLINE)) {
            messageDeadline = System.nanoTime() + timeout.toNanos() / 3;
        }
    }

    void endMessage() {
        messageDeadline = Long.MAX_VALUE;
    }

    /** Writes the lines (CRLF added) in one write. */
    void send(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append("\r\n"));
        write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    void send(String line) throws IOException {
        send(List.of(line));
    }

    /** Writes bytes in 8 KB pieces, each under the write timeout unless the client has none. */
    void write(byte[] bytes) throws IOException {
        for (int offset = 0; offset < bytes.length; offset += 8192) {
            int length = Math.min(8192, bytes.length - offset);
            if (flaws.contains(Flaw.NO_WRITE_TIMEOUT)) {
                out.write(bytes, offset, length);
                continue;
            }
            long millis = remainingMillis(timeout.toMillis());
            ScheduledFuture<?> guard = WRITE_TIMER.schedule(this::closeQuietly, millis, TimeUnit.MILLISECONDS);
            try {
                out.write(bytes, offset, length);
            } finally {
                guard.cancel(false);
            }
        }
        out.flush();
    }

    /** Reads one reply, as the client's flaws read it. */
    Reply read() throws IOException {
        return read(false);
    }

    /** Reads the EHLO reply: even a client that reads one line per reply reads this one whole. */
    Reply readEhlo() throws IOException {
        return read(true);
    }

    private Reply read(boolean ehlo) throws IOException {
        if (flaws.contains(Flaw.ONE_READ_PER_REPLY)) {
            return oneRead();
        }
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            lines.add(line);
            int code = code(line);
            boolean last = flaws.contains(Flaw.FIRST_LINE_ONLY) && !ehlo || line.length() < 4 || line.charAt(3) != '-';
            if (flaws.contains(Flaw.STRICT_REPLY_SYNTAX) && (line.length() < 4 || " -".indexOf(line.charAt(3)) < 0)) {
                throw new ProtocolError("no space or hyphen after the code: " + line);
            }
            if (last) {
                return new Reply(code, lines);
            }
        }
    }

    /** The code of a reply line; a malformed line is a protocol error, unless the client trusts it. */
    private int code(String line) throws ProtocolError {
        boolean digits = line.length() >= 3
                && line.substring(0, 3).chars().allMatch(Character::isDigit)
                && line.charAt(0) >= '2'
                && line.charAt(0) <= '5'
                && (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
        if (!digits) {
            if (flaws.contains(Flaw.TRUSTS_MALFORMED)) {
                return 250;
            }
            throw new ProtocolError("not an SMTP reply: " + line);
        }
        int code = Integer.parseInt(line.substring(0, 3));
        Matcher enhanced = ENHANCED.matcher(line.length() > 4 ? line.substring(4) : "");
        if (flaws.contains(Flaw.ENHANCED_CLASS_DECIDES) && enhanced.matches()) {
            return Integer.parseInt(enhanced.group(1)) * 100 + code % 100;
        }
        return code;
    }

    private Reply oneRead() throws IOException {
        int read = readSome();
        String text = new String(buffer, start, read, StandardCharsets.UTF_8);
        start = end;
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n")));
        String last = lines.get(lines.size() - 1);
        return new Reply(code(last), lines);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (start == end) {
                try {
                    readSome();
                } catch (EOFException e) {
                    if (line.size() > 0 && flaws.contains(Flaw.TRUSTS_MALFORMED)) {
                        return line.toString(StandardCharsets.UTF_8);
                    }
                    throw e;
                }
            }
            byte b = buffer[start++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                boolean crlf = bytes.length > 0 && bytes[bytes.length - 1] == '\r';
                if (crlf) {
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                if (!flaws.contains(Flaw.STRICT_CRLF)) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new ProtocolError("a reply line longer than " + MAX_LINE + " octets");
            }
        }
    }

    private int readSome() throws IOException {
        int millis = (int) remainingMillis(flaws.contains(Flaw.NO_TIMEOUT) ? 0 : timeout.toMillis());
        socket.setSoTimeout(millis);
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        start = 0;
        end = read;
        return read;
    }

    /** The time left for the next read or write: the timeout, cut by the deadlines the flaws add. */
    private long remainingMillis(long perCommand) throws SocketTimeoutException {
        long deadline =
                Math.min(messageDeadline, flaws.contains(Flaw.GLOBAL_DEADLINE) ? sessionDeadline : Long.MAX_VALUE);
        if (deadline == Long.MAX_VALUE) {
            return perCommand;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return perCommand == 0 ? left : Math.min(perCommand, left);
    }

    void closeQuietly() {
        dead = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
