package dev.twofifty.journal;

import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted recipient of a transaction: its forward-path and RCPT parameters.
 *
 * @param forwardPath the path from {@code RCPT TO:<...>}
 * @param parameters the RCPT parameters, for example {@code NOTIFY=SUCCESS,FAILURE}
 */
public record Recipient(Path forwardPath, EsmtpParameters parameters) {

    public Recipient {
        Objects.requireNonNull(forwardPath, "forwardPath");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The address as sent, for example {@code ann@example.com}. */
    public String address() {
        return forwardPath.text();
    }

    /** The DSN {@code NOTIFY} values in upper case (RFC 3461 §4.1), empty when not sent. */
    public List<String> dsnNotify() {
        return parameters
                .get("NOTIFY")
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .map(String::toUpperCase)
                        .toList())
                .orElse(List.of());
    }

    /** The DSN {@code ORCPT} value with its xtext decoded, for example {@code rfc822;ann@example.com} (RFC 3461 §4.2). */
    public Optional<String> dsnOriginalRecipient() {
        return parameters.get("ORCPT").map(Envelope::decodeXtext);
    }

    @Override
    public String toString() {
        return parameters.isEmpty() ? forwardPath.toString() : forwardPath + " " + parameters;
    }
}
