package dev.twofifty.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain TCP connections from the harness that read the greeting and then say nothing, so that the
 * server has set each session up and holds it open.
 */
final class IdleConnections implements AutoCloseable {

    /** Long enough for a thread-per-connection server to start its ten-thousandth thread. */
    private static final int TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final List<Socket> sockets = new ArrayList<>();

    IdleConnections(int port) {
        this.port = port;
    }

    /** Opens sessions one after another and ends each with QUIT, to warm the server's session code up. */
    void warmUp(int sessions) throws IOException {
        for (int i = 0; i < sessions; i++) {
            try (Socket socket = connect(i)) {
                SmtpLines.quit(socket);
            }
        }
    }

    /** Opens connections until {@code total} are open, reading each greeting before the next connect. */
    void openUpTo(int total) throws IOException {
        while (sockets.size() < total) {
            sockets.add(connect(sockets.size()));
        }
    }

    private Socket connect(int index) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            String greeting = SmtpLines.readReply(socket.getInputStream());
            if (!greeting.startsWith("220")) {
                throw new IOException("connection " + (index + 1) + " was greeted with '" + greeting + "'");
            }
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("connection " + (index + 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends NOOP on every open connection and describes each that did not get {@code 250}: a connection
     * the server closed while it was meant to be held would make the memory figures too low.
     */
    List<String> probe() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            try {
                String reply = SmtpLines.command(sockets.get(i), "NOOP");
                if (!reply.startsWith("250")) {
                    failures.add("connection " + (i + 1) + ": NOOP answered '" + reply + "'");
                }
            } catch (IOException e) {
                failures.add("connection " + (i + 1) + ": " + e.getMessage());
            }
        }
        return failures;
    }

    int size() {
        return sockets.size();
    }

    /**
     * Ends every session with QUIT and waits for the server to close it, so that a server with a
     * connection limit has counted them all down before the harness connects again.
     */
    @Override
    public void close() {
        for (Socket socket : sockets) {
            try (socket) {
                SmtpLines.quit(socket);
            } catch (IOException e) {
                // A connection that cannot be quit is closed all the same; probe() has reported it.
            }
        }
        sockets.clear();
    }
}
