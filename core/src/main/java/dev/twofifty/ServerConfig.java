package dev.twofifty;

import dev.twofifty.tls.TlsConfig;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link FakeSmtpServer} listens and which SMTP service it offers. Build one with
 * {@link #builder()}; {@link #defaults()} is a conformant server on {@code 127.0.0.1} and an ephemeral
 * port.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .enable(SmtpExtension.STARTTLS)
 *         .credentials("ann", "secret")
 *         .requireAuth(true)
 *         .limits(Limits.DEFAULTS.withMaxMessageSize(1024))
 *         .build();
 * }</pre>
 *
 * @param bindAddress the address to listen on, {@code 127.0.0.1} by default
 * @param port the SMTP port; 0 (the default) picks a free ephemeral port
 * @param smtpsPort the implicit-TLS port (RFC 8314); 0 picks a free one, -1 (the default) turns it off
 * @param hostname the name the server gives in its greeting and EHLO reply, {@code localhost} by default
 * @param extensions the ESMTP extensions advertised; see {@link SmtpExtension} for the defaults
 * @param authMechanisms the SASL mechanisms offered when AUTH is on; all of them by default
 * @param credentials user names and their passwords (or XOAUTH2 tokens)
 * @param requireAuth whether MAIL needs a successful AUTH first ({@code 530 5.7.0})
 * @param requireTls whether commands other than EHLO, HELO, STARTTLS, NOOP, RSET and QUIT need TLS first
 * @param strictness how strictly line endings and line lengths are enforced
 * @param limits line lengths, sizes, counts and timeouts
 * @param tls where the TLS key and certificate come from
 */
public record ServerConfig(
        String bindAddress,
        int port,
        int smtpsPort,
        String hostname,
        Set<SmtpExtension> extensions,
        Set<AuthMechanism> authMechanisms,
        Map<String, String> credentials,
        boolean requireAuth,
        boolean requireTls,
        Strictness strictness,
        Limits limits,
        TlsConfig tls) {

    /** The port value that turns the implicit-TLS listener off. */
    public static final int NO_PORT = -1;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        checkPort("port", port, false);
        checkPort("smtpsPort", smtpsPort, true);
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException(
                    "hostname must be a non-empty domain without spaces: '" + hostname + "'");
        }
        extensions = Collections.unmodifiableSet(
                extensions.isEmpty() ? EnumSet.noneOf(SmtpExtension.class) : EnumSet.copyOf(extensions));
        authMechanisms = Collections.unmodifiableSet(
                authMechanisms.isEmpty() ? EnumSet.noneOf(AuthMechanism.class) : EnumSet.copyOf(authMechanisms));
        credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
        Objects.requireNonNull(strictness, "strictness");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
        if (requireAuth && !extensions.contains(SmtpExtension.AUTH)) {
            throw new IllegalArgumentException(
                    "requireAuth needs the AUTH extension: add credentials or enable(SmtpExtension.AUTH)");
        }
        if (requireTls && !extensions.contains(SmtpExtension.STARTTLS) && smtpsPort == NO_PORT) {
            throw new IllegalArgumentException(
                    "requireTls needs a way to get TLS: enable(SmtpExtension.STARTTLS) or set an smtpsPort");
        }
    }

    private static void checkPort(String name, int value, boolean mayBeOff) {
        if ((value < 0 && !(mayBeOff && value == NO_PORT)) || value > 65_535) {
            throw new IllegalArgumentException(
                    name + " must be 0 (ephemeral) to 65535" + (mayBeOff ? ", or -1 (off)" : "") + " but was " + value);
        }
    }

    /** A conformant server on {@code 127.0.0.1}, an ephemeral port and the default extensions and limits. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Like the record's own, but with the passwords masked: configurations end up in logs. */
    @Override
    public String toString() {
        Map<String, String> masked = new LinkedHashMap<>();
        credentials.keySet().forEach(user -> masked.put(user, "****"));
        return "ServerConfig[bindAddress=" + bindAddress + ", port=" + port + ", smtpsPort=" + smtpsPort
                + ", hostname=" + hostname + ", extensions=" + extensions + ", authMechanisms=" + authMechanisms
                + ", credentials=" + masked + ", requireAuth=" + requireAuth + ", requireTls=" + requireTls
                + ", strictness=" + strictness + ", limits=" + limits + ", tls=" + tls + "]";
    }

    /** Whether an extension is advertised. */
    public boolean isEnabled(SmtpExtension extension) {
        return extensions.contains(extension);
    }

    /** Builds a {@link ServerConfig}; every method returns this builder. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private int smtpsPort = NO_PORT;
        private String hostname = "localhost";
        private final EnumSet<SmtpExtension> extensions = EnumSet.of(
                SmtpExtension.PIPELINING,
                SmtpExtension.EIGHT_BIT_MIME,
                SmtpExtension.SMTPUTF8,
                SmtpExtension.SIZE,
                SmtpExtension.ENHANCED_STATUS_CODES,
                SmtpExtension.CHUNKING,
                SmtpExtension.DSN);
        private final EnumSet<AuthMechanism> authMechanisms = EnumSet.allOf(AuthMechanism.class);
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private boolean requireAuth;
        private boolean requireTls;
        private Strictness strictness = Strictness.STRICT;
        private Limits limits = Limits.DEFAULTS;
        private TlsConfig tls = TlsConfig.generated();

        private Builder() {}

        private Builder(ServerConfig config) {
            bindAddress = config.bindAddress;
            port = config.port;
            smtpsPort = config.smtpsPort;
            hostname = config.hostname;
            extensions.clear();
            extensions.addAll(config.extensions);
            authMechanisms.clear();
            authMechanisms.addAll(config.authMechanisms);
            credentials.putAll(config.credentials);
            requireAuth = config.requireAuth;
            requireTls = config.requireTls;
            strictness = config.strictness;
            limits = config.limits;
            tls = config.tls;
        }

        /** The address to listen on; {@code 127.0.0.1} unless set. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The SMTP port; 0, the default, picks a free ephemeral port. Tests should keep 0. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Also listens for implicit TLS (RFC 8314) on this port; 0 picks a free one. */
        public Builder smtpsPort(int port) {
            this.smtpsPort = port;
            return this;
        }

        /** The name in the greeting and the EHLO reply; {@code localhost} unless set. */
        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        /** Advertises these extensions in addition to those already on. */
        public Builder enable(SmtpExtension... toEnable) {
            extensions.addAll(java.util.List.of(toEnable));
            return this;
        }

        /** Stops advertising these extensions; the server then treats their commands and parameters as unknown. */
        public Builder disable(SmtpExtension... toDisable) {
            java.util.List.of(toDisable).forEach(extensions::remove);
            return this;
        }

        /** Advertises exactly these extensions. */
        public Builder extensions(Set<SmtpExtension> exactly) {
            extensions.clear();
            extensions.addAll(exactly);
            return this;
        }

        /** Offers exactly these SASL mechanisms when AUTH is on (all four unless set). */
        public Builder authMechanisms(AuthMechanism... mechanisms) {
            authMechanisms.clear();
            authMechanisms.addAll(java.util.List.of(mechanisms));
            return this;
        }

        /** Accepts this user and password (or XOAUTH2 token) for AUTH, and turns AUTH on. */
        public Builder credentials(String user, String password) {
            credentials.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
            extensions.add(SmtpExtension.AUTH);
            return this;
        }

        /** Whether MAIL needs a successful AUTH first; {@code false} unless set. */
        public Builder requireAuth(boolean required) {
            this.requireAuth = required;
            return this;
        }

        /** Whether mail commands need TLS first; {@code false} unless set. */
        public Builder requireTls(boolean required) {
            this.requireTls = required;
            return this;
        }

        /** How strictly syntax is enforced; {@link Strictness#STRICT} unless set. */
        public Builder strictness(Strictness strictness) {
            this.strictness = Objects.requireNonNull(strictness, "strictness");
            return this;
        }

        /** Shorthand for {@code strictness(Strictness.LENIENT)}. */
        public Builder lenient() {
            return strictness(Strictness.LENIENT);
        }

        /** The limits; {@link Limits#DEFAULTS} unless set. */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The TLS key and certificate; a generated certificate unless set. */
        public Builder tls(TlsConfig tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws IllegalArgumentException when values are out of range or contradict each other
         */
        public ServerConfig build() {
            return new ServerConfig(
                    bindAddress,
                    port,
                    smtpsPort,
                    hostname,
                    extensions,
                    authMechanisms,
                    credentials,
                    requireAuth,
                    requireTls,
                    strictness,
                    limits,
                    tls);
        }
    }
}
