package dev.twofifty.conformance;

import java.util.List;
import java.util.Set;

/**
 * Drives one SMTP client under test: configures it for a case, makes it send, and normalises what it
 * reports to an {@link Outcome}. Adapters must not throw for failures the client reports: those are
 * outcomes.
 */
public interface ClientAdapter {

    /** The client's name in reports, for example {@code angus-mail (defaults)}. */
    String name();

    /** What the client can do; cases that need more are N/A. */
    Set<Feature> features();

    /**
     * Makes the client send the request to the endpoint and returns one outcome per message, in order
     * (an adapter whose client stopped early reports the same failure for the remaining messages). The
     * runner's watchdog interrupts the calling thread and closes the server when the client hangs.
     */
    List<Outcome> send(Endpoint endpoint, MailRequest request);
}
