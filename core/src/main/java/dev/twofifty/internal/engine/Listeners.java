package dev.twofifty.internal.engine;

import dev.twofifty.SmtpListener;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.NearMiss;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of one server; tells each of them, and shields the server from their failures. */
public final class Listeners {

    private final CopyOnWriteArrayList<SmtpListener> listeners = new CopyOnWriteArrayList<>();

    public void add(SmtpListener listener) {
        listeners.add(listener);
    }

    public boolean remove(SmtpListener listener) {
        return listeners.remove(listener);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    void messageReceived(ReceivedMessage message) {
        tell(listener -> listener.messageReceived(message));
    }

    void sessionEnded(SessionRecord session) {
        tell(listener -> listener.sessionEnded(session));
    }

    void stepUnmatched(String step, List<NearMiss> closestRules) {
        tell(listener -> listener.stepUnmatched(step, closestRules));
    }

    private void tell(Consumer<SmtpListener> call) {
        for (SmtpListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // A listener must never disturb an SMTP exchange.
            }
        }
    }
}
