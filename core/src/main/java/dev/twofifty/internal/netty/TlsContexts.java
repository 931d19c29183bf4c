package dev.twofifty.internal.netty;

import dev.twofifty.internal.tls.SelfSignedCertificate;
import dev.twofifty.tls.TlsConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/** Builds Netty server {@link SslContext}s from a {@link TlsConfig}. */
public final class TlsContexts {

    private TlsContexts() {}

    /** The generated certificate is made once per JVM, on first use; it is immutable, so sharing it is safe. */
    private static final class Generated {
        static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate("localhost");
        static final SslContext CONTEXT =
                build(SslContextBuilder.forServer(CERTIFICATE.keyPair().getPrivate(), CERTIFICATE.certificate()));
    }

    /** The server context for a configuration. */
    public static SslContext serverContext(TlsConfig config) {
        if (config instanceof TlsConfig.Generated) {
            return Generated.CONTEXT;
        }
        if (config instanceof TlsConfig.PemFiles files) {
            return build(SslContextBuilder.forServer(
                    files.certificateChain().toFile(), files.privateKey().toFile()));
        }
        TlsConfig.KeyAndChain keyAndChain = (TlsConfig.KeyAndChain) config;
        return build(SslContextBuilder.forServer(
                keyAndChain.privateKey(), keyAndChain.certificateChain().toArray(X509Certificate[]::new)));
    }

    /** The certificate chain a configuration presents, leaf first. */
    public static List<X509Certificate> certificateChain(TlsConfig config) {
        if (config instanceof TlsConfig.Generated) {
            return List.of(Generated.CERTIFICATE.certificate());
        }
        if (config instanceof TlsConfig.KeyAndChain keyAndChain) {
            return keyAndChain.certificateChain();
        }
        TlsConfig.PemFiles files = (TlsConfig.PemFiles) config;
        try (InputStream in = Files.newInputStream(files.certificateChain())) {
            List<X509Certificate> chain = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the certificate chain " + files.certificateChain(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    "Not a PEM certificate chain: " + files.certificateChain() + ": " + e.getMessage(), e);
        }
    }

    private static SslContext build(SslContextBuilder builder) {
        try {
            return builder.sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
