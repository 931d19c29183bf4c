package dev.twofifty.benchmarks.peers;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail's SMTP service alone, with its default in-memory store (one mailbox per recipient). */
final class GreenMailServer implements RunningServer {

    private final GreenMail greenMail;

    private GreenMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static RunningServer start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.getSmtp().setClientSocketTimeout((int) JavaServer.IDLE_TIMEOUT.toMillis());
        return new GreenMailServer(greenMail);
    }

    @Override
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public long storedMessages() {
        return greenMail.getReceivedMessages().length;
    }

    @Override
    public void clearStore() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("GreenMail could not purge its mailboxes", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
