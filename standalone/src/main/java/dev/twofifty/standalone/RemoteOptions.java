package dev.twofifty.standalone;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RemoteFakeSmtp} talks to a standalone server: the admin token, how long a request may
 * take, and where to send mail when the server's own idea of its address does not reach it.
 *
 * <pre>{@code
 * RemoteOptions options = RemoteOptions.DEFAULTS
 *         .withAdminToken(System.getenv("TWOFIFTY_TOKEN"))
 *         .withRequestTimeout(Duration.ofSeconds(30))
 *         .withSmtpHost("twofifty.ci.internal");
 * }</pre>
 *
 * @param adminToken the bearer token of {@code --admin-token}, or {@code null} when the API has none
 * @param requestTimeout how long to connect and how long one request may take; waits such as {@code
 *     awaitMessages} get their own timeout on top
 * @param smtpHost the host clients send mail to, or {@code null} for the one the server reports (its bind
 *     address, or the admin URI's host when the server listens on all addresses)
 * @param smtpPort the SMTP port clients send mail to, or {@code null} for the one the server reports
 *     (override it when a container maps the port to another one)
 */
public record RemoteOptions(String adminToken, Duration requestTimeout, String smtpHost, Integer smtpPort) {

    /** No token, a 10-second request timeout, and the SMTP address the server reports. */
    public static final RemoteOptions DEFAULTS = new RemoteOptions(null, Duration.ofSeconds(10), null, null);

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException for a timeout that is not positive or a port outside 1 to 65535
     */
    public RemoteOptions {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive but was " + requestTimeout);
        }
        if (smtpPort != null && (smtpPort < 1 || smtpPort > 65_535)) {
            throw new IllegalArgumentException("smtpPort must be 1 to 65535 but was " + smtpPort);
        }
    }

    /** A copy that sends {@code Authorization: Bearer token} (the server's {@code --admin-token}). */
    public RemoteOptions withAdminToken(String token) {
        return new RemoteOptions(token, requestTimeout, smtpHost, smtpPort);
    }

    /** A copy with another connect and request timeout. */
    public RemoteOptions withRequestTimeout(Duration timeout) {
        return new RemoteOptions(adminToken, timeout, smtpHost, smtpPort);
    }

    /** A copy that reports this host from {@link RemoteFakeSmtp#host()} instead of the server's. */
    public RemoteOptions withSmtpHost(String host) {
        return new RemoteOptions(adminToken, requestTimeout, host, smtpPort);
    }

    /** A copy that reports this port from {@link RemoteFakeSmtp#port()} instead of the server's. */
    public RemoteOptions withSmtpPort(int port) {
        return new RemoteOptions(adminToken, requestTimeout, smtpHost, port);
    }

    /** Hides the token, so options can be logged. */
    @Override
    public String toString() {
        return "RemoteOptions[adminToken=" + (adminToken == null ? "none" : "****") + ", requestTimeout="
                + requestTimeout + ", smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + "]";
    }
}
