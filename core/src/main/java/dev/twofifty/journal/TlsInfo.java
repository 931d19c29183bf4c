package dev.twofifty.journal;

import java.util.Objects;

/**
 * The TLS parameters a session negotiated.
 *
 * @param protocol the protocol, for example {@code TLSv1.3}
 * @param cipherSuite the cipher suite, for example {@code TLS_AES_128_GCM_SHA256}
 * @param implicit {@code true} for implicit TLS (RFC 8314), {@code false} after STARTTLS
 */
public record TlsInfo(String protocol, String cipherSuite, boolean implicit) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }

    @Override
    public String toString() {
        return protocol + " " + cipherSuite + (implicit ? " (implicit)" : " (STARTTLS)");
    }
}
