package dev.twofifty.conformance;

import static dev.twofifty.script.Rules.onMessage;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs conformance cases against a client: each case on a fake server of its own, with the case's
 * script, the client driven through its adapter under a watchdog, then the case's oracle and the
 * invariants on what happened. Independent cases run in parallel.
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.builder()
 *         .parallelism(4)
 *         .progress(ConsoleProgress.to(System.out))
 *         .build()
 *         .run(new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS), Catalogue.all());
 * }</pre>
 */
public final class ConformanceRunner {

    /**
     * Accepts any message at the end of data unless a case scripts otherwise: the server's strict
     * rejections (bare LF, long lines) must not change the flow the case is about, while its
     * end-of-data detection stays strict ({@code CRLF.CRLF} only), as the catalogue requires.
     */
    private static final Rule ACCEPT_ANY_CONTENT =
            onMessage().willReply(250, "2.0.0", "OK: accepted").atPriority(1000).named("runner: accept content");

    private final int parallelism;
    private final TimeScale scale;
    private final Duration caseTimeout;
    private final Duration settle;
    private final ProgressListener progress;

    private ConformanceRunner(Builder builder) {
        this.parallelism = builder.parallelism;
        this.scale = builder.scale;
        this.caseTimeout = builder.caseTimeout;
        this.settle = builder.settle;
        this.progress = builder.progress;
    }

    /** A runner with default options: parallel on every core, the fast time scale, a 30 s watchdog. */
    public static ConformanceRunner defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the cases and returns the report; cases keep their given order in it. */
    public ConformanceReport run(ClientAdapter client, List<ConformanceCase> cases) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, daemon("twofifty-conformance"));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (ConformanceCase conformanceCase : cases) {
                futures.add(workers.submit(() -> {
                    progress.caseStarted(conformanceCase, done.get(), cases.size());
                    CaseResult result = run(client, conformanceCase);
                    progress.caseFinished(result, done.incrementAndGet(), cases.size());
                    return result;
                }));
            }
            List<CaseResult> results = new ArrayList<>();
            for (Future<CaseResult> future : futures) {
                results.add(future.get());
            }
            return new ConformanceReport(client.name(), results, started, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the conformance run", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A case could not be run: " + e.getCause(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    /** Runs one case. */
    public CaseResult run(ClientAdapter client, ConformanceCase conformanceCase) {
        long start = System.nanoTime();
        if (!conformanceCase.runsAt(scale)) {
            return new CaseResult(
                    conformanceCase,
                    Judgement.notApplicable("the case runs only in the slow tier, with the real RFC timers"
                            + " (TimeScale.REAL); this run is scaled by " + scale.factor()),
                    List.of(),
                    List.of(),
                    List.of(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (!client.features().containsAll(conformanceCase.requires())) {
            List<Feature> missing = conformanceCase.requires().stream()
                    .filter(feature -> !client.features().contains(feature))
                    .sorted()
                    .toList();
            return new CaseResult(
                    conformanceCase,
                    Judgement.notApplicable("the client does not support " + missing),
                    List.of(),
                    List.of(),
                    List.of(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        ServerConfig config = serverConfig(conformanceCase);
        Observation observation;
        try (FakeSmtpServer server = FakeSmtpServer.start(config)) {
            server.stubFor(ACCEPT_ANY_CONTENT);
            conformanceCase.rules().apply(scale).forEach(server::stubFor);
            Endpoint endpoint = new Endpoint(
                    server.host(),
                    server.port(),
                    config.smtpsPort() == ServerConfig.NO_PORT ? -1 : server.smtpsPort(),
                    server.clientSslContext(),
                    server.certificate(),
                    scale.clientTimeout());
            long sending = System.nanoTime();
            List<Outcome> outcomes = sendWatched(client, endpoint, conformanceCase.requests());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - sending);
            Set<Long> leftOpen = settle(server);
            server.close();
            observation = new Observation(
                    conformanceCase.request(),
                    outcomes,
                    server.sessions().stream()
                            .sorted(Comparator.comparingLong(SessionRecord::id))
                            .toList(),
                    server.messages(),
                    elapsed,
                    scale,
                    leftOpen);
        }
        Judgement judgement;
        try {
            judgement = conformanceCase.oracle().judge(observation);
        } catch (RuntimeException e) {
            judgement = new Judgement(
                    Verdict.NOT_APPLICABLE, "the oracle could not decide: " + e, observation.fullEvidence());
        }
        return new CaseResult(
                conformanceCase,
                judgement,
                Invariants.check(observation),
                observation.outcomes(),
                observation.transcript(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private ServerConfig serverConfig(ConformanceCase conformanceCase) {
        // Long command lines are judged by INV-02 with the extension allowances, not refused by the server.
        ServerConfig.Builder builder = ServerConfig.builder()
                .hostname("mx.test")
                .limits(Limits.DEFAULTS.withMaxCommandLineLength(4096).withIdleTimeout(caseTimeout.plusSeconds(5)));
        if (conformanceCase.request().security() == MailRequest.Security.IMPLICIT_TLS) {
            builder.smtpsPort(0);
        }
        return conformanceCase.server().apply(builder).build();
    }

    /** Makes the requests one after the other under one watchdog; the outcomes of all of them, in order. */
    private List<Outcome> sendWatched(ClientAdapter client, Endpoint endpoint, List<MailRequest> requests) {
        CompletableFuture<List<Outcome>> sending = CompletableFuture.supplyAsync(
                () -> {
                    List<Outcome> all = new ArrayList<>();
                    for (MailRequest request : requests) {
                        List<Outcome> outcomes = client.send(endpoint, request);
                        all.addAll(
                                outcomes.isEmpty()
                                        ? List.of(Outcome.unknown("the adapter reported nothing"))
                                        : outcomes);
                    }
                    return all;
                },
                CLIENTS);
        try {
            return sending.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sending.cancel(true);
            return List.of(Outcome.hang("the client had not returned after " + caseTimeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the client was sending", e);
        } catch (ExecutionException e) {
            return List.of(Outcome.unknown("the adapter failed: " + e.getCause()));
        }
    }

    /**
     * Gives the client a moment to close its connections after it returned; the server closes the rest.
     *
     * @return the ids of the sessions still open then: the client left them open
     */
    private Set<Long> settle(FakeSmtpServer server) {
        int sessions = server.sessions().size();
        try {
            server.journal().awaitEndedSessions(sessions, settle);
            return Set.of();
        } catch (RuntimeException stillOpen) {
            // Sessions the client keeps open end when the server closes; the oracles are told which.
            return server.sessions().stream()
                    .filter(session -> session.endedAt().isEmpty())
                    .map(SessionRecord::id)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool(daemon("twofifty-client"));

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Options of a {@link ConformanceRunner}. */
    public static final class Builder {
        private int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
        private TimeScale scale = TimeScale.FAST;
        private Duration caseTimeout = Duration.ofSeconds(30);
        private Duration settle = Duration.ofSeconds(1);
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /** How many cases run at once; each case has its own server. */
        public Builder parallelism(int cases) {
            if (cases < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1 but was " + cases);
            }
            this.parallelism = cases;
            return this;
        }

        /** The time scale: how delays and client timeouts are shortened. */
        public Builder timeScale(TimeScale value) {
            this.scale = Objects.requireNonNull(value, "timeScale");
            return this;
        }

        /** The watchdog: a client that has not returned by then is a HANG. */
        public Builder caseTimeout(Duration value) {
            this.caseTimeout = Objects.requireNonNull(value, "caseTimeout");
            return this;
        }

        /** How long to wait, after the client returned, for it to close its connections. */
        public Builder settle(Duration value) {
            this.settle = Objects.requireNonNull(value, "settle");
            return this;
        }

        public Builder progress(ProgressListener value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public ConformanceRunner build() {
            return new ConformanceRunner(this);
        }
    }
}
