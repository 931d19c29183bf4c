package dev.twofifty.benchmarks.peers;

import dev.twofifty.FakeSmtpServer;

/** TwoFifty with its default configuration: every session and message journaled. */
final class TwoFiftyServer implements RunningServer {

    private final FakeSmtpServer server;

    private TwoFiftyServer(FakeSmtpServer server) {
        this.server = server;
    }

    static RunningServer start() {
        return new TwoFiftyServer(FakeSmtpServer.start());
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public long storedMessages() {
        // Counts evicted messages too: the journal keeps the newest 10,000, a load run sends more.
        return server.journal().messageCount();
    }

    @Override
    public void clearStore() {
        server.reset();
    }

    @Override
    public void close() {
        server.close();
    }
}
