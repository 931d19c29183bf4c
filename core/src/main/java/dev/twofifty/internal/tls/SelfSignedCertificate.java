package dev.twofifty.internal.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A self-signed ECDSA P-256 certificate made in memory with the JDK alone.
 *
 * <p>The JDK has no public API to build certificates, and the libraries that do (Bouncy Castle)
 * would put several megabytes on every user's test classpath; a certificate is a small DER
 * structure, so we encode it here (RFC 5280 §4.1).
 *
 * @param keyPair the key pair whose public half the certificate carries
 * @param certificate the certificate, valid for {@code localhost}, {@code 127.0.0.1} and {@code ::1}
 */
public record SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {

    private static final int[] OID_EC_PUBLIC_KEY_SHA256_SIGNATURE = {1, 2, 840, 10045, 4, 3, 2};
    private static final int[] OID_COMMON_NAME = {2, 5, 4, 3};
    private static final int[] OID_SUBJECT_ALT_NAME = {2, 5, 29, 17};
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Generates a key pair and a certificate for the given common name, valid from yesterday for ten years. */
    public static SelfSignedCertificate generate(String commonName) {
        Instant now = Instant.now();
        return generate(commonName, List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    /**
     * Generates a key pair and a certificate with a chosen identity and validity, for testing clients'
     * certificate checks (a certificate for another host name, an expired one).
     *
     * @param commonName the subject's common name
     * @param dnsNames the DNS names of the subject alternative name; empty for {@code localhost},
     *     {@code 127.0.0.1} and {@code ::1}
     * @param notBefore the start of the validity period
     * @param notAfter the end of the validity period
     */
    public static SelfSignedCertificate generate(
            String commonName, List<String> dnsNames, Instant notBefore, Instant notAfter) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keyPair = generator.generateKeyPair();

            byte[] algorithm = sequence(oid(OID_EC_PUBLIC_KEY_SHA256_SIGNATURE));
            byte[] name = sequence(set(sequence(oid(OID_COMMON_NAME), utf8String(commonName))));
            byte[] tbs = sequence(
                    explicit(0, integer(BigInteger.valueOf(2))),
                    integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                    algorithm,
                    name,
                    sequence(utcTime(notBefore), utcTime(notAfter)),
                    name,
                    keyPair.getPublic().getEncoded(),
                    explicit(3, sequence(subjectAltName(dnsNames))));

            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keyPair.getPrivate());
            signer.update(tbs);
            byte[] der = sequence(tbs, algorithm, bitString(signer.sign()));

            X509Certificate certificate = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der));
            return new SelfSignedCertificate(keyPair, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] subjectAltName(List<String> dnsNames) {
        if (dnsNames.isEmpty()) {
            return subjectAltName();
        }
        byte[][] names = dnsNames.stream()
                .map(dns -> tagged(0x82, dns.getBytes(StandardCharsets.US_ASCII)))
                .toArray(byte[][]::new);
        return sequence(oid(OID_SUBJECT_ALT_NAME), tagged(0x04, sequence(names)));
    }

    private static byte[] subjectAltName() {
        byte[] names = sequence(
                tagged(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                tagged(0x87, new byte[] {127, 0, 0, 1}),
                tagged(0x87, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        return sequence(oid(OID_SUBJECT_ALT_NAME), tagged(0x04, names));
    }

    private static byte[] sequence(byte[]... parts) {
        return tagged(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tagged(0x31, concat(parts));
    }

    private static byte[] explicit(int tagNumber, byte[] content) {
        return tagged(0xa0 | tagNumber, content);
    }

    private static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    private static byte[] utf8String(String value) {
        return tagged(0x0c, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] utcTime(Instant instant) {
        return tagged(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tagged(0x03, content);
    }

    private static byte[] oid(int[] arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int groups = 1;
            for (int rest = arc >>> 7; rest != 0; rest >>>= 7) {
                groups++;
            }
            for (int group = groups - 1; group >= 0; group--) {
                int bits = (arc >>> (7 * group)) & 0x7f;
                out.write(group == 0 ? bits : bits | 0x80);
            }
        }
        return tagged(0x06, out.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            try {
                out.write(part);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }
}
