package dev.twofifty;

import dev.twofifty.internal.engine.Listeners;
import dev.twofifty.internal.engine.ScriptEngine;
import dev.twofifty.internal.engine.ServerContext;
import dev.twofifty.internal.engine.SmtpSession;
import dev.twofifty.internal.journal.InMemoryJournal;
import dev.twofifty.internal.netty.NettyListener;
import dev.twofifty.internal.netty.TlsContexts;
import dev.twofifty.journal.Journal;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import dev.twofifty.script.SmtpDispatcher;
import io.netty.handler.ssl.SslContext;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An in-process fake SMTP server: a conformant ESMTP receiver by default, scriptable at every step,
 * recording everything in a {@link Journal}.
 *
 * <pre>{@code
 * try (FakeSmtpServer smtp = FakeSmtpServer.start()) {            // 127.0.0.1, an ephemeral port
 *     smtp.stubFor(onRcptTo(domain("blocked.example")).willReply(550, "5.1.1", "No such user"));
 *     smtp.stubFor(onMessage().willReply(451, "4.3.0", "Try again later").times(2));
 *     mailer.send(...);                                           // to smtp.host(), smtp.port()
 *     List<ReceivedMessage> received = smtp.awaitMessages(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Starting and stopping is cheap (all servers share one set of daemon I/O threads), so tests
 * should start a server each, on port 0. All methods are thread-safe.
 */
public final class FakeSmtpServer implements FakeSmtp, AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final ScriptEngine script;
    private final InMemoryJournal journal;
    private final ServerContext context;
    private final Listeners listeners = new Listeners();
    private final Supplier<SslContext> sslContext;
    private final NettyListener smtpListener;
    private final NettyListener smtpsListener;
    private volatile boolean running = true;

    private FakeSmtpServer(ServerConfig config) {
        this.config = config;
        this.script = new ScriptEngine(listeners);
        this.journal = new InMemoryJournal(
                config.limits().journalCapacity(), config.limits().maxTranscriptEntries());
        this.context = new ServerContext(config, script, journal, listeners);
        this.sslContext = memoize(() -> TlsContexts.serverContext(config.tls()));
        if (config.smtpsPort() != ServerConfig.NO_PORT || config.isEnabled(SmtpExtension.STARTTLS)) {
            // Fail at start, not at the first STARTTLS, when the key or certificate is unusable.
            sslContext.get();
        }
        this.smtpListener = NettyListener.bind(context, config.bindAddress(), config.port(), sslContext, false);
        NettyListener smtps = null;
        if (config.smtpsPort() != ServerConfig.NO_PORT) {
            try {
                smtps = NettyListener.bind(context, config.bindAddress(), config.smtpsPort(), sslContext, true);
            } catch (RuntimeException e) {
                smtpListener.close();
                throw e;
            }
        }
        this.smtpsListener = smtps;
    }

    /** Starts a conformant server on {@code 127.0.0.1} and an ephemeral port. */
    public static FakeSmtpServer start() {
        return start(ServerConfig.defaults());
    }

    /**
     * Starts a server with this configuration.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     * @throws IllegalArgumentException when the TLS key or certificate cannot be used
     */
    public static FakeSmtpServer start(ServerConfig config) {
        return new FakeSmtpServer(Objects.requireNonNull(config, "config"));
    }

    /** The address the server listens on, for example {@code 127.0.0.1}. */
    @Override
    public String host() {
        return smtpListener.host();
    }

    /** The SMTP port (the actual one when 0 was asked for). */
    @Override
    public int port() {
        return smtpListener.port();
    }

    /**
     * The implicit-TLS port.
     *
     * @throws IllegalStateException when the server has no implicit-TLS listener
     */
    public int smtpsPort() {
        if (smtpsListener == null) {
            throw new IllegalStateException("This server has no implicit-TLS port: set ServerConfig smtpsPort(0)");
        }
        return smtpsListener.port();
    }

    /** The configuration the server was started with. */
    public ServerConfig config() {
        return config;
    }

    // ---- scripting

    /**
     * Adds a rule; it applies from the next step of every session on.
     *
     * @return the rule as added, with its id and how often it fired
     * @throws IllegalArgumentException when the rule conflicts with a rule already added (a scenario kept per another scope)
     */
    @Override
    public ActiveRule stubFor(Rule rule) {
        return script.add(Objects.requireNonNull(rule, "rule"));
    }

    /** The rules in the order they are considered (priority, then most recently added first). */
    @Override
    public List<ActiveRule> rules() {
        return script.rules();
    }

    /** Removes a rule by id; returns whether it was there. */
    @Override
    public boolean removeRule(String id) {
        return script.remove(id);
    }

    /** Removes all rules and scenario states; the journal stays. */
    @Override
    public void resetRules() {
        script.clear();
    }

    /**
     * Puts every scenario back to {@link Rule#STARTED} and restarts every rule's {@code times} count, keeping the
     * rules; {@link ActiveRule#timesFired()} keeps counting the total.
     */
    @Override
    public void resetScenarios() {
        script.resetScenariosAndCounts();
    }

    /** The state of every scenario kept per server, sender or recipient, by name (and scope key). */
    @Override
    public Map<String, String> scenarioStates() {
        return script.scenarioStates();
    }

    /** Sets the dispatcher asked when no rule fires, or removes it with {@code null}. */
    public void setDispatcher(SmtpDispatcher dispatcher) {
        script.setDispatcher(dispatcher);
    }

    /** Steps that matched no rule although rules existed for them, each with a closest rule and why it missed. */
    @Override
    public List<NearMiss> nearMisses() {
        return script.unmatchedSteps();
    }

    /** The rules that have not fired (yet), each with the steps at which it came closest. */
    @Override
    public List<ActiveRule> unfiredRules() {
        return script.rules().stream().filter(rule -> rule.timesFired() == 0).toList();
    }

    /** Adds a listener that hears about messages, ended sessions and unmatched steps as they happen. */
    public void addListener(SmtpListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener; returns whether it was there. */
    public boolean removeListener(SmtpListener listener) {
        return listeners.remove(listener);
    }

    // ---- journal

    /** The journal: sessions, transcripts and messages. */
    @Override
    public Journal journal() {
        return journal;
    }

    /** The accepted messages, oldest first; shorthand for {@code journal().messages()}. */
    @Override
    public List<ReceivedMessage> messages() {
        return journal.messages();
    }

    /** Snapshots of the sessions, oldest first; shorthand for {@code journal().sessions()}. */
    @Override
    public List<SessionRecord> sessions() {
        return journal.sessions();
    }

    /**
     * Waits until at least {@code count} messages have arrived; shorthand for {@code journal().awaitMessages(count, timeout)}.
     *
     * @throws dev.twofifty.journal.AwaitTimeoutException when they do not arrive in time
     */
    @Override
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) {
        return journal.awaitMessages(count, timeout);
    }

    /**
     * Clears rules, scenario states and the journal, and cancels replies still waiting on a scripted
     * delay (closing those connections), so the server is as new for the next test.
     */
    @Override
    public void reset() {
        script.clear();
        script.setDispatcher(null);
        // Wait for the cancelled sessions to be recorded as ended before clearing the journal, so that their
        // ends do not show up in the journal of the next test.
        CompletableFuture<?>[] cancelled = context.openSessions().stream()
                .map(session -> session.requestCancelDelayedReply()
                        .thenCompose(
                                closed -> closed ? session.closedFuture() : CompletableFuture.completedFuture(null)))
                .toArray(CompletableFuture[]::new);
        awaitQuietly(CompletableFuture.allOf(cancelled));
        journal.clear();
    }

    // ---- TLS

    /** The certificate the server presents, for clients that must trust it. */
    public X509Certificate certificate() {
        return TlsContexts.certificateChain(config.tls()).get(0);
    }

    /** An {@link SSLContext} for clients that trusts exactly this server's certificate. */
    public SSLContext clientSslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("twofifty", certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot build a client SSLContext: " + e.getMessage(), e);
        }
    }

    // ---- lifecycle

    /** Whether the server is still accepting connections. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops accepting, tells open sessions the service is closing ({@code 421}) and closes them, and
     * waits briefly for them to be recorded as ended. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        smtpListener.close();
        if (smtpsListener != null) {
            smtpsListener.close();
        }
        List<SmtpSession> open = context.openSessions();
        if (open.isEmpty()) {
            return;
        }
        open.forEach(SmtpSession::requestShutdown);
        CompletableFuture<?>[] closing =
                open.stream().map(SmtpSession::closedFuture).toArray(CompletableFuture[]::new);
        awaitQuietly(CompletableFuture.allOf(closing));
    }

    /** Waits at most {@link #CLOSE_GRACE} for sessions to close; those that do not are left to the event loop. */
    private static void awaitQuietly(CompletableFuture<?> closing) {
        try {
            closing.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Sessions that do not close in time are left to the event loop; the server goes on either way.
        }
    }

    @Override
    public String toString() {
        return "FakeSmtpServer[" + host() + ":" + port() + (running ? "" : ", closed") + "]";
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            result = supplier.get();
                            value = result;
                        }
                    }
                }
                return result;
            }
        };
    }
}
