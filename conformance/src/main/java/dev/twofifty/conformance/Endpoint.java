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
}
