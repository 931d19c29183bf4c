package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.internal.engine.Dialogues.Setup;
import dev.twofifty.internal.engine.Dialogues.Unit;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.testing.ScaledTries;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the protocol engine, driven without sockets ({@link SessionDriver}) on servers with
 * random strictness, extensions, AUTH, STARTTLS and small limits:
 *
 * <ul>
 *   <li>random dialogues of valid and invalid commands, hostile lines, DATA content with dots and
 *       smuggling sequences, and BDAT chunks keep every invariant {@link ModelClient} checks (one
 *       reply per line, replies in order, the journal exactly the acknowledged messages byte for
 *       byte, bounded buffers, no AUTH secret in the journal);
 *   <li>the same dialogue, pipelined and split into reads and read bursts anywhere, gives the same
 *       replies and the same journal;
 *   <li>random octets never make a session throw, answer malformed replies, grow its buffers without
 *       bound or journal a message it did not acknowledge.
 * </ul>
 *
 * <p>Tries are modest so that the build stays fast; {@code -Dtwofifty.tries.factor=100} runs more.
 */
@AddLifecycleHook(ScaledTries.class)
class EngineProperties {

    private static final Pattern QUEUED = Pattern.compile("250[ -](?:2\\.0\\.0 )?OK: queued as (\\d+)\r\n");

    @Property(tries = 200)
    void lockstep_dialogues_keep_every_invariant(
            @ForAll("anySetup") Setup setup, @ForAll("dialogues") List<Unit> units) {
        ModelClient client = new ModelClient(setup).run(units);

        int accepted = client.acceptedMessages();
        Statistics.label("messages accepted").collect(accepted == 0 ? "none" : accepted < 3 ? "1-2" : "3 or more");
        Statistics.label("connection closed by the server").collect(client.closedByServer());
    }

    @Property(tries = 150)
    void the_same_dialogue_split_anywhere_gives_the_same_replies_and_journal(
            @ForAll("setupWithoutStartTls") Setup setup,
            @ForAll("dialogues") List<Unit> units,
            @ForAll("readSizes") List<Integer> readSizes,
            @ForAll("burstLengths") List<Integer> burstLengths,
            @ForAll("writeBudgets") long writeBudget) {
        ModelClient lockstep = new ModelClient(setup).run(units);

        ModelClient.Observed pipelined =
                ModelClient.replay(setup, lockstep.sent(), readSizes, burstLengths, writeBudget);

        assertThat(pipelined).isEqualTo(lockstep.observed());
    }

    @Property(tries = 300)
    void random_octets_never_break_a_session(
            @ForAll("anySetup") Setup setup,
            @ForAll("noise") byte[] input,
            @ForAll("readSizes") List<Integer> readSizes,
            @ForAll("burstLengths") List<Integer> burstLengths,
            @ForAll("writeBudgets") long writeBudget) {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(setup.config()));
        driver.transport.writeBudget(writeBudget);
        driver.start();
        StringBuilder output = new StringBuilder();
        List<byte[]> reads = Inputs.split(input, readSizes);
        int next = 0;
        for (int burst = 0; next < reads.size() && !driver.transport.closed(); burst++) {
            int count = Math.min(burstLengths.get(burst % burstLengths.size()), reads.size() - next);
            List<byte[]> burstReads = reads.subList(next, next + count);
            next += count;
            driver.read(burstReads.toArray(byte[][]::new));
            ModelClient.drainAll(driver);

            String flushed = driver.output();
            ModelClient.replies(flushed);
            output.append(flushed);
            assertThat(driver.session.inputCapacity())
                    .as("input buffer after a read burst")
                    .isLessThanOrEqualTo(ModelClient.inputBound(setup));
        }
        if (!driver.transport.closed()) {
            driver.clientCloses();
        }

        SessionRecord record = driver.record();
        assertThat(record.endedBy()).isPresent();
        assertThat(record.transactions()).extracting(TransactionRecord::outcome).doesNotContain(Outcome.OPEN);
        List<Long> journaled =
                driver.messages().stream().map(ReceivedMessage::id).toList();
        assertThat(acknowledged(output.toString()))
                .as("messages acknowledged with 250 at the end of data")
                .containsExactlyElementsOf(journaled);
        assertThat(record.transactions().stream()
                        .filter(transaction -> transaction.outcome() == Outcome.ACCEPTED)
                        .map(transaction -> transaction.messageId().orElseThrow())
                        .toList())
                .containsExactlyElementsOf(journaled);
    }

    private static List<Long> acknowledged(String output) {
        Matcher matcher = QUEUED.matcher(output);
        return matcher.results().map(result -> Long.parseLong(result.group(1))).toList();
    }

    // ---- generators

    @Provide
    Arbitrary<Setup> anySetup() {
        return Dialogues.setups(true);
    }

    @Provide
    Arbitrary<Setup> setupWithoutStartTls() {
        // After STARTTLS the client must wait for 220 (what it pipelines behind is discarded), so a
        // dialogue with STARTTLS cannot be split anywhere.
        return Dialogues.setups(false);
    }

    @Provide
    Arbitrary<List<Unit>> dialogues() {
        return Dialogues.dialogues(40);
    }

    @Provide
    Arbitrary<List<Integer>> readSizes() {
        return Inputs.readSizes();
    }

    /** How many octets of replies the client takes between read bursts: unlimited, or little (backpressure). */
    @Provide
    Arbitrary<Long> writeBudgets() {
        return Arbitraries.of(Long.MAX_VALUE, Long.MAX_VALUE, 1L, 40L, 300L);
    }

    @Provide
    Arbitrary<List<Integer>> burstLengths() {
        return Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(6);
    }

    /** SMTP-ish octets mixed with whole commands, so that random input reaches DATA, BDAT and AUTH. */
    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> command = Arbitraries.of(
                        "EHLO x.example\r\n",
                        "HELO x.example\r\n",
                        "MAIL FROM:<a@b.example>\r\n",
                        "RCPT TO:<c@d.example>\r\n",
                        "DATA\r\n",
                        "BDAT 0\r\n",
                        "BDAT 5\r\n",
                        "BDAT 3 LAST\r\n",
                        "BDAT 99999999\r\n",
                        "AUTH PLAIN\r\n",
                        "AUTH LOGIN\r\n",
                        "STARTTLS\r\n",
                        "RSET\r\n",
                        "NOOP\r\n")
                .map(Inputs::ascii);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, Inputs.token()), Tuple.of(3, command), Tuple.of(1, Inputs.fixed("QUIT\r\n")))
                .list()
                .ofMaxSize(60)
                .map(Inputs::concat);
    }
}
