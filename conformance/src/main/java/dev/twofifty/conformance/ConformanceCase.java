package dev.twofifty.conformance;

import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.script.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One catalogue case: a scripted server behaviour (rules of the fake server), what the client is asked
 * to send, and the oracle that judges what it did, with the RFC basis.
 *
 * <pre>{@code
 * ConformanceCase.builder("GREET-554", "A 554 greeting: no mail commands, then QUIT")
 *         .phase(Phase.CONNECTION)
 *         .level(Level.MUST)
 *         .rfc("RFC 5321 §3.1", "RFC 5321 §4.1.1.10")
 *         .rationale("554 instead of 220 means no service here; mail commands are pointless.")
 *         .rules(onConnect().willReply(554, "5.3.2", "No SMTP service here"))
 *         .oracle(observation -> ...)
 *         .build();
 * }</pre>
 *
 * @param id the catalogue id, for example {@code GREET-554}
 * @param title what the case checks, in a few words
 * @param phase the catalogue phase
 * @param level the requirement level of the main check
 * @param rfc the RFC sections it rests on
 * @param rationale one line on why the requirement exists
 * @param server changes to the server configuration (extensions, TLS, limits)
 * @param rules the script, given the run's time scale
 * @param request what the client is asked to send
 * @param moreRequests further requests made after the first, each a separate call of the client (so a new
 *     connection), in order; cases use them for variants, with rules matching {@code sessionNumber(n)}
 * @param requires the client features the case needs; without them it is N/A
 * @param oracle what decides the verdict
 * @param slowTierOnly whether the case only means something with the real RFC timers ({@link TimeScale#REAL},
 *     the slow tier, minutes per case); with a shortened time scale it is N/A
 */
public record ConformanceCase(
        String id,
        String title,
        Phase phase,
        Level level,
        List<String> rfc,
        String rationale,
        UnaryOperator<ServerConfig.Builder> server,
        Function<TimeScale, List<Rule>> rules,
        MailRequest request,
        List<MailRequest> moreRequests,
        Set<Feature> requires,
        Oracle oracle,
        boolean slowTierOnly) {

    /** The message most cases send: short, ASCII, with a line that needs dot-stuffing. */
    public static final String STANDARD_MESSAGE = "From: Ann <ann@client.test>\r\n"
            + "To: Bob <bob@mx.test>\r\n"
            + "Subject: TwoFifty conformance\r\n"
            + "Message-ID: <conformance@client.test>\r\n"
            + "Date: Sun, 29 Nov 2026 10:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + ".a line that starts with a dot\r\n"
            + "Bye.\r\n";

    /** The request most cases make: the standard message from ann@client.test to bob@mx.test, no TLS. */
    public static final MailRequest STANDARD_REQUEST =
            MailRequest.of("ann@client.test", List.of("bob@mx.test"), STANDARD_MESSAGE);

    public ConformanceCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(level, "level");
        rfc = List.copyOf(rfc);
        Objects.requireNonNull(rationale, "rationale");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(request, "request");
        moreRequests = List.copyOf(moreRequests);
        requires = Set.copyOf(requires);
        Objects.requireNonNull(oracle, "oracle");
    }

    /** Whether the case can run at this time scale: slow-tier cases need the real RFC timers. */
    public boolean runsAt(TimeScale scale) {
        return !slowTierOnly || scale.factor() >= 1.0;
    }

    /** Starts a case. */
    public static Builder builder(String id, String title) {
        return new Builder(id, title);
    }

    /** Every request of the case, the first one first. */
    public List<MailRequest> requests() {
        List<MailRequest> all = new ArrayList<>();
        all.add(request);
        all.addAll(moreRequests);
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return id + " (" + title + ")";
    }

    /** Builds a {@link ConformanceCase}; {@link #phase}, {@link #level}, {@link #rfc}, {@link #oracle} are required. */
    public static final class Builder {
        private final String id;
        private final String title;
        private Phase phase;
        private Level level;
        private final List<String> rfc = new ArrayList<>();
        private String rationale = "";
        private UnaryOperator<ServerConfig.Builder> server = UnaryOperator.identity();
        private Function<TimeScale, List<Rule>> rules = scale -> List.of();
        private MailRequest request = STANDARD_REQUEST;
        private List<MailRequest> moreRequests = List.of();
        private final Set<Feature> requires = EnumSet.noneOf(Feature.class);
        private Oracle oracle;
        private boolean slowTierOnly;

        private Builder(String id, String title) {
            this.id = Objects.requireNonNull(id, "id");
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder phase(Phase value) {
            this.phase = value;
            return this;
        }

        public Builder level(Level value) {
            this.level = value;
            return this;
        }

        public Builder rfc(String... sections) {
            rfc.addAll(List.of(sections));
            return this;
        }

        public Builder rationale(String value) {
            this.rationale = value;
            return this;
        }

        /** Changes the server configuration; changes add up. */
        public Builder server(UnaryOperator<ServerConfig.Builder> change) {
            UnaryOperator<ServerConfig.Builder> before = server;
            this.server = builder -> change.apply(before.apply(builder));
            return this;
        }

        /** Changes the server's limits (on top of the runner's, such as its longer command lines). */
        public Builder limits(UnaryOperator<Limits> change) {
            return server(builder -> builder.limits(change.apply(builder.build().limits())));
        }

        /**
         * Marks the case as one of the slow tier: it waits out the RFC's real timer minimums (minutes), so
         * it runs only with {@link TimeScale#REAL} and is N/A otherwise.
         */
        public Builder slowTierOnly() {
            this.slowTierOnly = true;
            return this;
        }

        /** The script: fixed rules. */
        public Builder rules(Rule... script) {
            List<Rule> fixed = List.of(script);
            this.rules = scale -> fixed;
            return this;
        }

        /** The script, for rules with delays that follow the time scale. */
        public Builder rules(Function<TimeScale, List<Rule>> script) {
            this.rules = Objects.requireNonNull(script, "script");
            return this;
        }

        public Builder request(MailRequest value) {
            this.request = Objects.requireNonNull(value, "request");
            return this;
        }

        /**
         * Several requests, made one after the other, each by a separate call of the client (so each on a new
         * connection): the variants of a case. The outcomes are reported in the same order.
         */
        public Builder requests(MailRequest first, MailRequest... more) {
            this.request = Objects.requireNonNull(first, "request");
            this.moreRequests = List.of(more);
            return this;
        }

        public Builder requires(Feature... features) {
            requires.addAll(List.of(features));
            return this;
        }

        public Builder oracle(Oracle value) {
            this.oracle = value;
            return this;
        }

        public ConformanceCase build() {
            if (phase == null || level == null || rfc.isEmpty() || oracle == null) {
                throw new IllegalStateException("Case " + id + " needs a phase, a level, RFC sections and an oracle");
            }
            return new ConformanceCase(
                    id,
                    title,
                    phase,
                    level,
                    rfc,
                    rationale,
                    server,
                    rules,
                    request,
                    moreRequests,
                    requires,
                    oracle,
                    slowTierOnly);
        }
    }
}
