package dev.twofifty.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twofifty.internal.engine.Dialogues.Setup;
import dev.twofifty.internal.engine.Dialogues.Unit;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import dev.twofifty.journal.TransactionRecord.Outcome;
import dev.twofifty.journal.Violation;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that talks to a session in lockstep (one unit, then its replies) and checks, after every
 * unit, what the engine must guarantee for any input:
 *
 * <ul>
 *   <li>every reply is well formed, and every complete line gets exactly one reply, unless the
 *       server closed the connection (then after {@code 221} or {@code 421});
 *   <li>replies are never out of order: {@code 354} only answers DATA, {@code 334} and {@code 235}
 *       only AUTH, {@code 221} only QUIT, {@code 220} only STARTTLS, {@code queued as} only the end of
 *       a message;
 *   <li>a {@code 250} at the end of a message means that exactly that message is in the journal,
 *       byte for byte (checked against {@link ReferenceDecoder} and the chunks sent), with the
 *       envelope the server acknowledged; nothing else adds to the journal; the end of DATA is
 *       accepted exactly when the content is within the limits (and, in strict mode, clean);
 *   <li>the session's buffers stay within a bound for any input;
 *   <li>at the end, the session record is consistent and holds no AUTH secret.
 * </ul>
 *
 * Everything it sends is kept, so that {@link #replay} can send the same octets split differently.
 */
final class ModelClient {

    private static final Pattern REPLY_LINE = Pattern.compile("([2-5]\\d\\d)([ -])(.*)");
    private static final Pattern QUEUED = Pattern.compile("(?:2\\.0\\.0 )?OK: queued as (\\d+)");
    private static final Pattern SENDER = Pattern.compile("(?:2\\.1\\.0 )?Sender <(.*)> OK");
    private static final Pattern RECIPIENT = Pattern.compile("(?:2\\.1\\.5 )?Recipient <(.*)> OK");
    private static final Pattern CHALLENGE = Pattern.compile("334 \\S+");
    private static final byte[] DEFAULT_CONTENT = Inputs.ascii("Subject: default\r\n\r\nbody\r\n.\r\n");
    private static final Set<Violation.Type> SPLIT_DEPENDENT =
            Set.of(Violation.Type.PIPELINED_AFTER_SYNCHRONIZING_COMMAND, Violation.Type.PIPELINING_NOT_ADVERTISED);

    /** A reply: its code and the text of each line after the code and separator. */
    record Reply(int code, List<String> texts) {
        String last() {
            return texts.get(texts.size() - 1);
        }
    }

    /** What a run of a session shows from outside, comparable across runs. */
    record Observed(
            String output,
            List<String> messages,
            List<String> transcript,
            List<String> violations,
            List<String> transactions,
            String end) {}

    /** A message the model expects in the journal. */
    private record Expected(byte[] content, String sender, List<String> recipients) {}

    /** What one expected reply answers. */
    private enum Kind {
        COMMAND,
        CONTENT,
        CHUNK,
        LAST_CHUNK
    }

    private final Setup setup;
    private final SessionDriver driver;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final StringBuilder output = new StringBuilder();
    private boolean closed;
    private boolean awaitingContent;
    private boolean authPending;
    private String sender;
    private final List<String> recipients = new ArrayList<>();
    private ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private int acceptedMessages;
    private int largestRead;

    ModelClient(Setup setup) {
        this.setup = setup;
        this.driver = SessionDriver.unstarted(SessionDriver.server(setup.config()));
        driver.start();
        String greeting = take();
        assertThat(replies(greeting)).extracting(Reply::code).containsExactly(220);
    }

    /** Sends the units in lockstep, checking after each, then closes and checks the session record. */
    ModelClient run(List<Unit> units) {
        for (Unit unit : units) {
            if (closed) {
                break;
            }
            send(unit);
        }
        if (!closed) {
            driver.clientCloses();
        }
        checkRecord();
        return this;
    }

    /** How many messages the server acknowledged with 250. */
    int acceptedMessages() {
        return acceptedMessages;
    }

    /** Whether the server closed the connection. */
    boolean closedByServer() {
        return closed;
    }

    /** Everything the client sent. */
    byte[] sent() {
        return sent.toByteArray();
    }

    Observed observed() {
        return observe(driver, output.toString());
    }

    /**
     * Sends the same octets to a new session in other reads and read bursts, with a client that takes
     * at most {@code writeBudget} octets of replies between two read bursts (so the session meets
     * backpressure), then closes.
     */
    static Observed replay(
            Setup setup, byte[] octets, List<Integer> readSizes, List<Integer> burstLengths, long writeBudget) {
        SessionDriver driver = SessionDriver.unstarted(SessionDriver.server(setup.config()));
        driver.transport.writeBudget(writeBudget);
        driver.start();
        List<byte[]> reads = Inputs.split(octets, readSizes);
        int next = 0;
        for (int burst = 0; next < reads.size() && !driver.transport.closed(); burst++) {
            int count = Math.min(burstLengths.get(burst % burstLengths.size()), reads.size() - next);
            driver.read(reads.subList(next, next + count).toArray(byte[][]::new));
            next += count;
            drainAll(driver);
        }
        if (!driver.transport.closed()) {
            driver.clientCloses();
        }
        return observe(driver, String.join("", driver.flushes()));
    }

    /** The client takes its replies until the session has nothing more to say. */
    static void drainAll(SessionDriver driver) {
        int events;
        do {
            events = driver.transport.events().size();
            driver.drain();
        } while (driver.transport.events().size() != events && !driver.transport.closed());
    }

    // ---- one unit

    private void send(Unit unit) {
        boolean withChunk = unit.chunk() != null && !authPending;
        byte[] bytes = withChunk ? Inputs.concat(unit.line(), unit.chunk()) : unit.line();
        List<Kind> kinds = new ArrayList<>();
        List<String> verbs = new ArrayList<>();
        String[] lines = Inputs.latin1(unit.line()).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            verbs.add(verbOf(lines[i]));
            kinds.add(Kind.COMMAND);
        }
        if (withChunk) {
            kinds.set(0, Inputs.latin1(unit.line()).contains("LAST") ? Kind.LAST_CHUNK : Kind.CHUNK);
        }
        exchange(bytes, kinds, verbs, unit, null);
        if (awaitingContent && !closed) {
            // The 354 came: the content follows, up to its end-of-data line (the reference model says where).
            awaitingContent = false;
            byte[] wire = unit.content() != null ? unit.content() : DEFAULT_CONTENT;
            ReferenceDecoder.Decoded content = ReferenceDecoder.decode(
                    wire, setup.lenient(), setup.limits().maxTextLineLength());
            exchange(Arrays.copyOf(wire, content.end()), List.of(Kind.CONTENT), List.of(""), unit, content);
        }
    }

    /** Sends octets in one read and checks the replies: one per expected line, unless the server closed. */
    private void exchange(
            byte[] bytes, List<Kind> kinds, List<String> verbs, Unit unit, ReferenceDecoder.Decoded content) {
        sent.writeBytes(bytes);
        driver.read(bytes);
        List<Reply> replies = replies(take());
        closed = driver.transport.closed();

        assertThat(replies.size())
                .as("replies to %s (closed: %s)", unit, closed)
                .isLessThanOrEqualTo(kinds.size());
        if (closed) {
            if (!replies.isEmpty()) {
                assertThat(replies.get(replies.size() - 1).code()).isIn(221, 421);
            }
        } else {
            assertThat(replies.size()).as("one reply per line of %s", unit).isEqualTo(kinds.size());
        }
        for (int i = 0; i < replies.size(); i++) {
            check(replies.get(i), kinds.get(i), verbs.get(i), unit, content);
        }
        largestRead = Math.max(largestRead, bytes.length);
        checkBounds();
    }

    private void check(Reply reply, Kind kind, String verb, Unit unit, ReferenceDecoder.Decoded content) {
        String what = reply + " to " + kind + " " + unit;
        boolean sasl = authPending && kind == Kind.COMMAND;
        Matcher queued = QUEUED.matcher(reply.last());
        boolean isQueued = reply.code() == 250 && queued.matches();
        authPending = reply.code() == 334;
        if (sasl) {
            assertThat(reply.code()).as(what).isNotIn(354, 221, 220);
            assertThat(isQueued).as(what).isFalse();
            return;
        }
        switch (kind) {
            case CONTENT -> {
                long size = content.content().length;
                boolean flawless = !content.bareCr() && !content.bareLf() && !content.lineTooLong();
                boolean acceptable = size <= setup.limits().maxMessageSize() && (setup.lenient() || flawless);
                assertThat(reply.code() == 250).as("accepted: " + what).isEqualTo(acceptable);
                if (acceptable) {
                    assertThat(isQueued).as(what).isTrue();
                    accepted(Long.parseLong(queued.group(1)), content.content());
                } else if (size > setup.limits().maxMessageSize()) {
                    assertThat(reply.code()).as(what).isEqualTo(552);
                }
            }
            case CHUNK -> {
                assertThat(isQueued).as(what).isFalse();
                if (reply.code() == 250) {
                    chunks.writeBytes(unit.chunk());
                }
            }
            case LAST_CHUNK -> {
                assertThat(reply.code() != 250 || isQueued).as(what).isTrue();
                if (isQueued) {
                    chunks.writeBytes(unit.chunk());
                    accepted(Long.parseLong(queued.group(1)), chunks.toByteArray());
                }
            }
            case COMMAND -> command(reply, verb, what, isQueued);
        }
    }

    private void command(Reply reply, String verb, String what, boolean isQueued) {
        assertThat(isQueued).as(what).isFalse();
        switch (reply.code()) {
            case 354 -> {
                assertThat(verb).as(what).isEqualTo("DATA");
                awaitingContent = true;
            }
            case 334, 235 -> assertThat(verb).as(what).isEqualTo("AUTH");
            case 221 -> assertThat(verb).as(what).isEqualTo("QUIT");
            case 220 -> {
                assertThat(verb).as(what).isEqualTo("STARTTLS");
                driver.session.onTlsEstablished("TLSv1.3", "TLS_AES_128_GCM_SHA256");
            }
            case 250 -> {
                Matcher mail = SENDER.matcher(reply.last());
                Matcher rcpt = RECIPIENT.matcher(reply.last());
                if (verb.equals("MAIL")) {
                    assertThat(mail.matches()).as(what).isTrue();
                    sender = mail.group(1);
                    recipients.clear();
                    chunks = new ByteArrayOutputStream();
                } else if (verb.equals("RCPT")) {
                    assertThat(rcpt.matches()).as(what).isTrue();
                    recipients.add(rcpt.group(1));
                }
            }
            default -> {
                // Other replies (errors, EHLO, HELP, VRFY) change nothing the model tracks.
            }
        }
    }

    /** A 250 at the end of a message: the journal holds exactly it, before the client saw the reply. */
    private void accepted(long id, byte[] expected) {
        acceptedMessages++;
        ReceivedMessage message = driver.context.journal().message(id).orElse(null);
        assertThat(message)
                .as("message %d acknowledged with 250 is in the journal", id)
                .isNotNull();
        assertThat(Inputs.latin1(message.raw())).as("journaled content").isEqualTo(Inputs.latin1(expected));
        assertThat(message.envelope().sender()).isEqualTo(sender);
        assertThat(message.envelope().recipients())
                .extracting(recipient -> recipient.forwardPath().text())
                .containsExactlyElementsOf(recipients);
        assertThat(driver.context.journal().messageCount()).isEqualTo(acceptedMessages);
    }

    private void checkBounds() {
        assertThat(driver.context.journal().messageCount())
                .as("messages journaled without a 250")
                .isEqualTo(acceptedMessages);
        assertThat(driver.session.inputCapacity())
                .as("input buffer after a read burst (largest read so far: %d octets)", largestRead)
                .isLessThanOrEqualTo(inputBound(setup));
        Transaction transaction = driver.session.transaction();
        if (transaction != null && transaction.content != null) {
            assertThat((long) transaction.content.capacity())
                    .as("message buffer")
                    .isLessThanOrEqualTo(2 * setup.limits().maxMessageSize() + 64);
        }
    }

    private void checkRecord() {
        SessionRecord record = driver.record();
        assertThat(record.endedBy()).as("the session ended in the journal").isPresent();
        assertThat(record.transactions()).extracting(TransactionRecord::outcome).doesNotContain(Outcome.OPEN);
        List<Long> acceptedIds = record.transactions().stream()
                .filter(transaction -> transaction.outcome() == Outcome.ACCEPTED)
                .map(transaction -> transaction.messageId().orElseThrow())
                .toList();
        assertThat(acceptedIds)
                .containsExactlyElementsOf(
                        driver.messages().stream().map(ReceivedMessage::id).toList());
        String everything = record.transcriptText() + record.violations() + record.transactions();
        for (String secret : Dialogues.SECRETS) {
            assertThat(everything).as("the journal shows no AUTH secret").doesNotContain(secret);
        }
    }

    // ---- helpers

    /**
     * What the input buffer may hold after a read burst, whatever was read: what a partial command
     * line needs, or the capacity it keeps anyway.
     */
    static int inputBound(Setup setup) {
        return Math.max(InputBuffer.RETAINED_CAPACITY, 4 * setup.lineLimit());
    }

    private String take() {
        String text = driver.output();
        output.append(text);
        return text;
    }

    /** Parses flushed text into replies, asserting that every line is a well-formed reply line. */
    static List<Reply> replies(String text) {
        List<Reply> replies = new ArrayList<>();
        if (text.isEmpty()) {
            return replies;
        }
        assertThat(text).as("replies end with CRLF").endsWith("\r\n");
        List<String> texts = new ArrayList<>();
        int code = -1;
        for (String line : text.substring(0, text.length() - 2).split("\r\n", -1)) {
            Matcher matcher = REPLY_LINE.matcher(line);
            assertThat(matcher.matches()).as("a reply line: %s", line).isTrue();
            int lineCode = Integer.parseInt(matcher.group(1));
            if (code >= 0) {
                assertThat(lineCode)
                        .as("the code of every line of a multi-line reply")
                        .isEqualTo(code);
            }
            code = lineCode;
            texts.add(matcher.group(3));
            if (matcher.group(2).equals(" ")) {
                replies.add(new Reply(code, List.copyOf(texts)));
                texts.clear();
                code = -1;
            }
        }
        assertThat(texts).as("a multi-line reply without its last line").isEmpty();
        return replies;
    }

    private static String verbOf(String line) {
        String cleaned = line.replace("\r", "");
        int space = cleaned.indexOf(' ');
        return (space < 0 ? cleaned : cleaned.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** A CRAM-MD5 challenge is new every time: compare runs without it. */
    private static String withoutChallenges(String text) {
        return CHALLENGE.matcher(text).replaceAll("334 <challenge>");
    }

    private static Observed observe(SessionDriver driver, String output) {
        SessionRecord record = driver.record();
        return new Observed(
                withoutChallenges(output),
                driver.messages().stream()
                        .map(m -> m.id() + " " + m.envelope() + " " + DataDecoderTest.escape(Inputs.latin1(m.raw())))
                        .toList(),
                record.transcript().stream()
                        .map(entry -> entry.from() + " " + entry.kind() + " " + withoutChallenges(entry.line()))
                        .toList(),
                record.violations().stream()
                        .filter(violation -> !SPLIT_DEPENDENT.contains(violation.type()))
                        .map(violation -> violation.type() + ": " + violation.detail())
                        .toList(),
                record.transactions().stream().map(TransactionRecord::toString).toList(),
                String.valueOf(record.endedBy()));
    }
}
