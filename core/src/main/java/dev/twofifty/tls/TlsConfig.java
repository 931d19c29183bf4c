package dev.twofifty.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where the server's TLS key and certificate come from, for STARTTLS (RFC 3207) and implicit TLS
 * (RFC 8314).
 *
 * <pre>{@code
 * TlsConfig.generated();                                  // the default: a self-signed certificate made in memory
 * TlsConfig.pemFiles(Path.of("cert.pem"), Path.of("key.pem"));
 * TlsConfig.of(privateKey, certificate);
 * }</pre>
 */
public sealed interface TlsConfig {

    /**
     * A self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, generated in
     * memory the first time TLS is used and shared by the servers of the JVM; nothing is written to disk.
     */
    static TlsConfig generated() {
        return Generated.INSTANCE;
    }

    /** A PEM certificate chain file and a PEM PKCS#8 private key file. */
    static TlsConfig pemFiles(Path certificateChain, Path privateKey) {
        return new PemFiles(certificateChain, privateKey);
    }

    /** A private key and its certificate chain, leaf first. */
    static TlsConfig of(PrivateKey privateKey, X509Certificate... certificateChain) {
        return new KeyAndChain(privateKey, List.of(certificateChain));
    }

    /** See {@link TlsConfig#generated()}. */
    enum Generated implements TlsConfig {
        INSTANCE
    }

    /**
     * See {@link TlsConfig#pemFiles(Path, Path)}.
     *
     * @param certificateChain the PEM file with the certificate chain, leaf first
     * @param privateKey the PEM file with the PKCS#8 private key
     */
    record PemFiles(Path certificateChain, Path privateKey) implements TlsConfig {
        public PemFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /**
     * See {@link TlsConfig#of(PrivateKey, X509Certificate...)}.
     *
     * @param privateKey the private key of the leaf certificate
     * @param certificateChain the chain, leaf first, at least one certificate
     */
    record KeyAndChain(PrivateKey privateKey, List<X509Certificate> certificateChain) implements TlsConfig {
        public KeyAndChain {
            Objects.requireNonNull(privateKey, "privateKey");
            certificateChain = List.copyOf(certificateChain);
            if (certificateChain.isEmpty()) {
                throw new IllegalArgumentException("The certificate chain needs at least the leaf certificate");
            }
        }
    }
}
