package dev.twofifty.script;

import java.util.Objects;
import java.util.Optional;

/**
 * What a rule or dispatcher can see of the session a step belongs to.
 *
 * @param id the 1-based number of the session on its server (so also its ordinal)
 * @param remoteAddress the client's address and port
 * @param tlsActive whether TLS is in effect (after STARTTLS, or on the implicit-TLS port)
 * @param authenticatedUser the user of a successful AUTH, if any
 * @param ehloName the name from the client's last EHLO or HELO, if any
 * @param transactionOrdinal the 1-based number of the current mail transaction, or of the next one
 *     when none is open
 */
public record SessionView(
        long id,
        String remoteAddress,
        boolean tlsActive,
        Optional<String> authenticatedUser,
        Optional<String> ehloName,
        int transactionOrdinal) {

    public SessionView {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
        Objects.requireNonNull(ehloName, "ehloName");
    }
}
