package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Rules.onConnect;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.script.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Catalogue §2.11: timeouts and dropped connections. The client timeout of a run stands for the RFC's
 * five minutes ({@code T}, 3 s in the fast tier); cases about a timeout take about {@code T}.
 */
public final class TimeoutCases {

    /** Twenty recipients: with a held reply per command the session lasts well beyond one timeout. */
    static final List<String> TWENTY_RECIPIENTS = IntStream.rangeClosed(1, 20)
            .mapToObj(i -> String.format("rcpt%02d@mx.test", i))
            .toList();

    /** A 12 KB message, so that a drop after 10 KB of content falls inside it. */
    static final MailRequest TWELVE_KB = request(12 * 1024);

    /** A 200 KB message, read slowly. */
    static final MailRequest TWO_HUNDRED_KB = request(200 * 1024);

    /**
     * A 6 MB message: more than a client's socket buffers hold (Linux lets a send buffer grow to 4 MB) when
     * the server stops reading.
     */
    static final MailRequest SIX_MB = request(6 * 1024 * 1024);

    private TimeoutCases() {}

    public static List<ConformanceCase> all() {
        return List.of(stall(), minimums(), perCommand(), slowReader(), writeStall(), dropMidSession());
    }

    static ConformanceCase stall() {
        return ConformanceCase.builder("TMO-STALL", "A server that never answers the end of data is timed out")
                .phase(Phase.TIMEOUTS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.3.2", "RFC 5321 §4.5.3.2.6")
                .rationale("A client must have a timeout on every command; without one a stalled server holds it"
                        + " forever, and an unanswered end of data must not be reported as delivered.")
                .rules(onMessage().willFault(Fault.stall()))
                .oracle(observation -> gaveUp(observation, "the server never answered the end of data"))
                .build();
    }

    static ConformanceCase minimums() {
        return ConformanceCase.builder("TMO-MINIMUMS", "Replies just inside the RFC timeout minimums are waited for")
                .phase(Phase.TIMEOUTS)
                .level(Level.SHOULD)
                .rfc(
                        "RFC 5321 §4.5.3.2.1",
                        "RFC 5321 §4.5.3.2.2",
                        "RFC 5321 §4.5.3.2.3",
                        "RFC 5321 §4.5.3.2.4",
                        "RFC 5321 §4.5.3.2.6")
                .rationale("Per-command timeouts should be at least 5 min (greeting, MAIL, RCPT), 2 min (DATA) and"
                        + " 10 min (end of data): busy servers answer that late. Slow tier: about 26 minutes.")
                .slowTierOnly()
                .rules(scale -> List.of(
                        onConnect().willDelay(scale.millis(290_000)),
                        onMail().willDelay(scale.millis(290_000)),
                        onRcpt().willDelay(scale.millis(290_000)),
                        onData().willDelay(scale.millis(110_000)),
                        onMessage().willReply(250, "2.0.0", "OK: accepted").willDelay(scale.millis(570_000))))
                .oracle(TimeoutCases::waitedForEveryReply)
                .build();
    }

    static ConformanceCase perCommand() {
        return ConformanceCase.builder("TMO-PER-COMMAND", "The timeout runs per command, not per session")
                .phase(Phase.TIMEOUTS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.3.2")
                .rationale("The client must time each command rather than the whole transaction: a session of many"
                        + " slow but timely replies lasts longer than any one timeout.")
                .request(MailRequest.of("ann@client.test", TWENTY_RECIPIENTS, ConformanceCase.STANDARD_MESSAGE))
                .rules(scale -> {
                    Duration hold = scale.clientTimeout().multipliedBy(8).dividedBy(10);
                    return List.of(
                            onMail().willDelay(hold),
                            onMessage().willReply(250, "2.0.0", "OK: accepted").willDelay(hold));
                })
                .oracle(observation -> delivered(
                        observation,
                        "each reply came within the timeout, the session lasted " + seconds(observation.elapsed())))
                .build();
    }

    static ConformanceCase slowReader() {
        return ConformanceCase.builder("TMO-SLOW-READER", "A server reading 1.5 KB/s gets the whole message")
                .phase(Phase.TIMEOUTS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.3.2", "RFC 5321 §4.5.3.2.5")
                .rationale("The data timeout is per block written; the whole transfer of a large message to a slow"
                        + " reader takes as long as it takes.")
                .request(TWO_HUNDRED_KB)
                .limits(limits -> limits.withSocketBufferSize(4096))
                .rules(scale -> List.of(onData().willFault(Fault.readSlowly(Math.round(1500 / scale.factor())))))
                .oracle(observation -> delivered(
                        observation,
                        "the client kept writing to the slow reader for " + seconds(observation.elapsed())))
                .build();
    }

    static ConformanceCase writeStall() {
        return ConformanceCase.builder("TMO-WRITE-STALL", "A server that stops reading in mid-data is timed out")
                .phase(Phase.TIMEOUTS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.3.2", "RFC 5321 §4.5.3.2.5")
                .rationale("Read timeouts do not cover writes: a client that blocks on a full socket without a write"
                        + " timeout hangs forever.")
                .request(SIX_MB)
                .limits(limits -> limits.withSocketBufferSize(4096))
                .rules(onData().willFault(Fault.stopReading()))
                .oracle(observation -> gaveUp(observation, "the server stopped reading the message"))
                .build();
    }

    static ConformanceCase dropMidSession() {
        return ConformanceCase.builder("DROP-MID-SESSION", "A connection dropped at any stage is a temporary failure")
                .phase(Phase.TIMEOUTS)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.8", "RFC 5321 §4.1.1.10")
                .rationale("An unexpected close should be treated as a 451 for the open transaction; a message whose"
                        + " end of data was never answered must not be reported as sent.")
                .request(TWELVE_KB.repeated(5))
                .requires(Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(
                        onEhlo().matching(sessionNumber(1)).willFault(Fault.replyThenClose()),
                        onRcpt().matching(sessionNumber(2)).willFault(Fault.reset()),
                        onData().matching(sessionNumber(3)).willFault(Fault.closeAfterContentBytes(10_240)),
                        onMessage()
                                .matching(sessionNumber(4))
                                .willReply(250, "2.0.0", "OK: accepted")
                                .willFault(Fault.replyThenClose()),
                        onConnect().matching(sessionNumber(5)).willFault(Fault.close()))
                .oracle(TimeoutCases::survivedDrops)
                .build();
    }

    /** A message of about this many octets: headers, then lines of 78 characters. */
    static MailRequest request(int octets) {
        StringBuilder text = new StringBuilder(
                "From: ann@client.test\r\nTo: bob@mx.test\r\nSubject: " + octets / 1024 + " KB\r\n\r\n");
        String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef\r\n";
        while (text.length() < octets) {
            text.append(line);
        }
        return MailRequest.of("ann@client.test", List.of("bob@mx.test"), text.toString());
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** The client gave up within about its timeout and reported a temporary failure. */
    static Judgement gaveUp(Observation observation, String what) {
        Outcome outcome = observation.outcome();
        Duration timeout = observation.scale().clientTimeout();
        List<String> evidence = observation.fullEvidence();
        if (outcome.kind() == Outcome.Kind.HANG) {
            return new Judgement(
                    Verdict.FAIL,
                    what + " and the client was still waiting when the watchdog fired: it has no timeout here",
                    evidence);
        }
        if (outcome.isDelivered()) {
            return new Judgement(Verdict.FAIL, what + ", yet the client reported the message as delivered", evidence);
        }
        Judgement inTime = Judgement.require(
                observation.elapsed().compareTo(timeout.multipliedBy(2)) <= 0,
                Level.SHOULD,
                what + "; the client gave up after " + seconds(observation.elapsed()) + " (timeout " + seconds(timeout)
                        + ")",
                what + "; the client gave up only after " + seconds(observation.elapsed())
                        + ", although its timeout was " + seconds(timeout),
                evidence);
        return inTime.and(Judgement.require(
                outcome.kind() == Outcome.Kind.TRANSIENT,
                Level.SHOULD,
                "the client reported " + outcome.label(),
                "the client reported " + outcome.label() + ", but a timeout is a temporary failure (TRANSIENT)",
                evidence));
    }

    /** The message was reported delivered and arrived. */
    static Judgement delivered(Observation observation, String ifMet) {
        Outcome outcome = observation.outcome();
        boolean ok = outcome.isDelivered() && !observation.messages().isEmpty();
        return Judgement.require(
                ok,
                Level.MUST,
                ifMet,
                "the client reported " + outcome.label() + " after " + seconds(observation.elapsed())
                        + " although every reply came within its timeout",
                observation.fullEvidence());
    }

    private static Judgement waitedForEveryReply(Observation observation) {
        if (observation.outcome().isDelivered() && !observation.messages().isEmpty()) {
            return Judgement.pass(
                    "the client waited for every late reply (" + seconds(observation.elapsed()) + ")",
                    observation.fullEvidence());
        }
        String stage = "the greeting";
        if (!observation.sessions().isEmpty()) {
            for (Observation.Exchange exchange : Wire.paired(observation, 0)) {
                if (exchange.reply().isEmpty()) {
                    stage = "the reply to "
                            + (Wire.verb(exchange).equals("CONTENT") ? "the end of data" : Wire.verb(exchange));
                    break;
                }
            }
        }
        return new Judgement(
                Verdict.WARN,
                "the client gave up after " + seconds(observation.elapsed()) + " while waiting for " + stage
                        + ", before the RFC minimum",
                observation.fullEvidence());
    }

    /** Every dropped message is reported as a temporary failure, and nothing is reported sent that did not arrive. */
    private static Judgement survivedDrops(Observation observation) {
        List<Outcome> outcomes = observation.outcomes();
        List<String> evidence = new ArrayList<>(observation.fullEvidence());
        if (outcomes.stream().anyMatch(outcome -> outcome.kind() == Outcome.Kind.HANG)) {
            return new Judgement(Verdict.FAIL, "the client hung after a dropped connection", evidence);
        }
        long delivered = outcomes.stream().filter(Outcome::isDelivered).count();
        if (delivered > observation.messages().size()) {
            return new Judgement(
                    Verdict.FAIL,
                    "the client reported " + delivered + " messages as delivered but only "
                            + observation.messages().size() + " arrived: a dropped message was reported as sent",
                    evidence);
        }
        List<String> notTransient = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (!outcome.isDelivered() && outcome.kind() != Outcome.Kind.TRANSIENT) {
                notTransient.add("message " + (i + 1) + ": " + outcome.label());
            }
        }
        return Judgement.require(
                notTransient.isEmpty(),
                Level.SHOULD,
                "every dropped message was reported as a temporary failure (" + delivered + " of " + outcomes.size()
                        + " delivered, " + observation.sessions().size() + " connections)",
                "a dropped connection should count as a 451, but the client reported " + notTransient,
                evidence);
    }
}
