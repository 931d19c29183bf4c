package dev.twofifty.benchmarks.peers;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;

/** SubEthaSMTP's Wiser, which keeps one {@code WiserMessage} per recipient of every message. */
final class WiserServer implements RunningServer {

    private final Wiser wiser;

    private WiserServer(Wiser wiser) {
        this.wiser = wiser;
    }

    static RunningServer start() {
        Wiser wiser = Wiser.create(SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .maxConnections(JavaServer.MAX_CONNECTIONS)
                .connectionTimeout((int) JavaServer.IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        wiser.start();
        return new WiserServer(wiser);
    }

    @Override
    public int port() {
        return wiser.getServer().getPortAllocated();
    }

    @Override
    public long storedMessages() {
        return wiser.getMessages().size();
    }

    @Override
    public void clearStore() {
        wiser.getMessages().clear();
    }

    @Override
    public void close() {
        wiser.stop();
    }
}
