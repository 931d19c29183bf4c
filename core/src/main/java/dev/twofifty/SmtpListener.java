package dev.twofifty;

import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.NearMiss;
import java.util.List;

/**
 * Hears what a {@link FakeSmtpServer} does as it happens, for logs and live views. Every method has
 * an empty default. Calls come from the server's I/O threads: return quickly and never block. An
 * exception thrown here is swallowed, so a listener can never disturb an SMTP exchange.
 *
 * <pre>{@code
 * smtp.addListener(new SmtpListener() {
 *     public void messageReceived(ReceivedMessage message) {
 *         System.out.println("received " + message);
 *     }
 * });
 * }</pre>
 */
public interface SmtpListener {

    /** A message was accepted (before the client sees the 250). */
    default void messageReceived(ReceivedMessage message) {}

    /** A session ended; the record is final. */
    default void sessionEnded(SessionRecord session) {}

    /** A step matched no rule although rules exist for its trigger; the closest rules and why they missed. */
    default void stepUnmatched(String step, List<NearMiss> closestRules) {}
}
