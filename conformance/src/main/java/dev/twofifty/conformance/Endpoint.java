package dev.twofifty.conformance;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where the client under test connects, and how it can trust the server.
 *
 * @param host the SMTP host
 * @param port the SMTP port
 * @param smtpsPort the implicit-TLS port, or -1 when the case has none
 * @param trust an SSL context that trusts exactly the server's certificate
 * @param certificate the server's certificate (for clients that need a trust file)
 * @param timeout the connect and read timeout the client should use (scaled, as the case's delays)
 */
public record Endpoint(
        String host, int port, int smtpsPort, SSLContext trust, X509Certificate certificate, Duration timeout) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The RFC timeout the client {@link #timeout()} stands for (RFC 5321 §4.5.3.2: five minutes). */
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /**
     * A duration named by the catalogue, shortened as the run's time scale shortens the client timeout
     * (which stands for five minutes), for adapters that must wait as the case asks, for example between
     * messages.
     */
    public Duration scaled(Duration named) {
        return Duration.ofNanos((long) (named.toNanos() * ((double) timeout.toNanos() / FIVE_MINUTES.toNanos())));
    }
}
