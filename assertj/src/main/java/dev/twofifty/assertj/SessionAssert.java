package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldBeAuthenticatedAs.shouldBeAuthenticatedAs;
import static dev.twofifty.assertj.error.ShouldHaveBehaved.shouldHaveResentEhloAfterTls;
import static dev.twofifty.assertj.error.ShouldHaveBehaved.shouldHaveSentQuit;
import static dev.twofifty.assertj.error.ShouldHaveBehaved.shouldHaveSentQuitAndWaitedForReply;
import static dev.twofifty.assertj.error.ShouldHaveBehaved.shouldHaveUsedStartTls;
import static dev.twofifty.assertj.error.ShouldHaveBehaved.shouldHaveUsedStartTlsBeforeAuth;
import static dev.twofifty.assertj.error.ShouldHaveBehaved.shouldHaveUsedTls;
import static dev.twofifty.assertj.error.ShouldHaveCommands.shouldContainCommandsInOrder;
import static dev.twofifty.assertj.error.ShouldHaveCommands.shouldHaveCommands;
import static dev.twofifty.assertj.error.ShouldHaveCommands.shouldHaveSentCommand;
import static dev.twofifty.assertj.error.ShouldHaveCommands.shouldNotHaveSentCommand;
import static dev.twofifty.assertj.error.ShouldHaveEnded.shouldHaveEndedBy;
import static dev.twofifty.assertj.error.ShouldHaveGotReply.shouldHaveGotReply;
import static dev.twofifty.assertj.error.ShouldHaveNoBareLineEndings.shouldHaveNoBareLineEndings;
import static dev.twofifty.assertj.error.ShouldHaveNoViolations.shouldHaveNoViolations;
import static dev.twofifty.assertj.error.ShouldHavePipelined.shouldHavePipelined;
import static dev.twofifty.assertj.error.ShouldHavePipelined.shouldNotHavePipelined;
import static dev.twofifty.assertj.error.ShouldHaveViolation.shouldHaveViolation;

import dev.twofifty.assertj.Exchanges.Exchange;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a client behaved in one session: the commands it sent and the replies it got,
 * STARTTLS and AUTH, QUIT, pipelining, protocol violations and how the session ended.
 *
 * <pre>{@code
 * assertThat(smtp).lastSession()
 *         .usedStartTlsBeforeAuth()
 *         .resentEhloAfterTls()
 *         .isAuthenticatedAs("ann")
 *         .hasNoBareLineEndings()
 *         .sentQuitAndWaitedForReply();
 * }</pre>
 *
 * <p>The session is a snapshot: wait for it to end ({@code journal().awaitEndedSessions(n, timeout)})
 * before checking how it ended.
 */
public class SessionAssert extends AbstractAssert<SessionAssert, SessionRecord> {

    private static final Set<Violation.Type> BARE_LINE_ENDINGS = EnumSet.of(
            Violation.Type.BARE_LF_IN_COMMAND,
            Violation.Type.BARE_CR_IN_COMMAND,
            Violation.Type.BARE_LF_IN_DATA,
            Violation.Type.BARE_CR_IN_DATA);

    /**
     * Creates an assert on a session; {@link SmtpAssertions#assertThat(SessionRecord)} is the usual way.
     *
     * @param actual the session
     */
    public SessionAssert(SessionRecord actual) {
        super(actual, SessionAssert.class);
    }

    /**
     * Verifies the verbs of the client's commands: exactly these, in this order (case-insensitive).
     *
     * @param verbs for example {@code "EHLO", "MAIL", "RCPT", "DATA", "QUIT"}
     * @return this assert
     */
    public SessionAssert hasCommands(String... verbs) {
        isNotNull();
        List<String> expected = upperCase(verbs);
        if (!actual.commands().equals(expected)) {
            throw assertionError(shouldHaveCommands(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that the client sent commands with these verbs in this order, possibly with other
     * commands between them.
     *
     * @param verbs the verbs
     * @return this assert
     */
    public SessionAssert containsCommandsInOrder(String... verbs) {
        isNotNull();
        List<String> expected = upperCase(verbs);
        int next = 0;
        for (String command : actual.commands()) {
            if (next < expected.size() && command.equals(expected.get(next))) {
                next++;
            }
        }
        if (next < expected.size()) {
            throw assertionError(shouldContainCommandsInOrder(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that the client sent a command with this verb.
     *
     * @param verb for example {@code STARTTLS}
     * @return this assert
     */
    public SessionAssert sentCommand(String verb) {
        isNotNull();
        String expected = verb.toUpperCase(Locale.ROOT);
        if (!actual.commands().contains(expected)) {
            throw assertionError(shouldHaveSentCommand(actual, expected));
        }
        return myself;
    }

    /**
     * Verifies that the client sent no command with this verb.
     *
     * @param verb for example {@code VRFY}
     * @return this assert
     */
    public SessionAssert didNotSendCommand(String verb) {
        isNotNull();
        String unexpected = verb.toUpperCase(Locale.ROOT);
        List<String> lines = exchanges().stream()
                .filter(exchange -> exchange.verb().equals(unexpected))
                .map(exchange -> exchange.client().line())
                .toList();
        if (!lines.isEmpty()) {
            throw assertionError(shouldNotHaveSentCommand(actual, unexpected, lines));
        }
        return myself;
    }

    /**
     * Verifies that some command with this verb got a reply with this code. The reply to a command
     * is the server lines that follow it in the transcript. The failure lists each such command
     * with its reply.
     *
     * @param verb for example {@code RCPT}
     * @param code for example {@code 550}
     * @return this assert
     */
    public SessionAssert gotReply(String verb, int code) {
        isNotNull();
        String expected = verb.toUpperCase(Locale.ROOT);
        List<Exchange> matching = exchanges().stream()
                .filter(exchange -> exchange.verb().equals(expected))
                .toList();
        if (matching.stream().noneMatch(exchange -> exchange.code() == code)) {
            throw assertionError(shouldHaveGotReply(
                    actual,
                    expected,
                    code,
                    matching.stream().map(Exchange::describe).toList()));
        }
        return myself;
    }

    /**
     * Verifies that the client upgraded the session with STARTTLS: it sent STARTTLS, got a 2xx reply,
     * and TLS was negotiated.
     *
     * @return this assert
     */
    public SessionAssert usedStartTls() {
        isNotNull();
        startTlsProblem().ifPresent(reason -> {
            throw assertionError(shouldHaveUsedStartTls(actual, reason));
        });
        if (actual.tls().isEmpty()) {
            throw assertionError(shouldHaveUsedStartTls(actual, "no TLS was negotiated"));
        }
        return myself;
    }

    /**
     * Verifies that the client sent AUTH only after a successful STARTTLS, so credentials never
     * crossed the wire in plain text. A session without AUTH fails: the check is about how a client
     * that authenticates does it.
     *
     * @return this assert
     */
    public SessionAssert usedStartTlsBeforeAuth() {
        isNotNull();
        List<Exchange> exchanges = exchanges();
        Optional<Exchange> auth = exchanges.stream()
                .filter(exchange -> exchange.verb().equals("AUTH"))
                .findFirst();
        if (auth.isEmpty()) {
            throw assertionError(shouldHaveUsedStartTlsBeforeAuth(actual, "it sent no AUTH command"));
        }
        Optional<Exchange> startTls = acceptedStartTls(exchanges);
        if (startTls.isEmpty()) {
            throw assertionError(
                    shouldHaveUsedStartTlsBeforeAuth(actual, "it sent AUTH without a successful STARTTLS"));
        }
        if (startTls.get().position() > auth.get().position()) {
            throw assertionError(shouldHaveUsedStartTlsBeforeAuth(actual, "it sent AUTH before STARTTLS"));
        }
        return myself;
    }

    /**
     * Verifies that the client sent EHLO again after the 2xx reply to STARTTLS, as RFC 3207 §4.2
     * requires: the server forgets what it knew of the client when TLS starts.
     *
     * @return this assert
     */
    public SessionAssert resentEhloAfterTls() {
        isNotNull();
        startTlsProblem().ifPresent(reason -> {
            throw assertionError(shouldHaveResentEhloAfterTls(actual, reason));
        });
        List<Exchange> exchanges = exchanges();
        int startTls = acceptedStartTls(exchanges).orElseThrow().position();
        boolean ehloAfter = exchanges.stream()
                .anyMatch(exchange -> exchange.verb().equals("EHLO") && exchange.position() > startTls);
        if (!ehloAfter) {
            throw assertionError(shouldHaveResentEhloAfterTls(actual, "it sent no EHLO after the reply to STARTTLS"));
        }
        return myself;
    }

    /**
     * Verifies that the session used TLS, negotiated with STARTTLS or implicit (RFC 8314).
     *
     * @return this assert
     */
    public SessionAssert usedTls() {
        isNotNull();
        if (actual.tls().isEmpty()) {
            throw assertionError(shouldHaveUsedTls(actual));
        }
        return myself;
    }

    /**
     * Verifies that the client authenticated successfully as this user. The failure shows the AUTH
     * exchanges (secrets masked).
     *
     * @param user the user name
     * @return this assert
     */
    public SessionAssert isAuthenticatedAs(String user) {
        isNotNull();
        Objects.requireNonNull(user, "user");
        if (!actual.authenticatedAs().filter(user::equals).isPresent()) {
            List<String> authExchanges = exchanges().stream()
                    .filter(exchange ->
                            exchange.verb().equals("AUTH") || exchange.label().equals("AUTH response"))
                    .map(Exchange::describe)
                    .toList();
            throw assertionError(shouldBeAuthenticatedAs(actual, user, authExchanges));
        }
        return myself;
    }

    /**
     * Verifies that the client sent QUIT.
     *
     * @return this assert
     */
    public SessionAssert sentQuit() {
        isNotNull();
        if (!actual.commands().contains("QUIT")) {
            throw assertionError(shouldHaveSentQuit(actual));
        }
        return myself;
    }

    /**
     * Verifies that the client sent QUIT and the session ended {@link SessionEnd#QUIT}: the server
     * sent its 221 and closed. A client that closes right after sending QUIT, without reading the
     * reply, can only be told apart when its close reaches the server before the 221 is sent; on a
     * fast loopback connection the server usually wins that race, so this check passes for such a
     * client too.
     *
     * @return this assert
     */
    public SessionAssert sentQuitAndWaitedForReply() {
        isNotNull();
        if (!actual.commands().contains("QUIT")) {
            throw assertionError(shouldHaveSentQuitAndWaitedForReply(actual, "it did not send QUIT"));
        }
        if (actual.endedBy().isEmpty()) {
            throw assertionError(shouldHaveSentQuitAndWaitedForReply(actual, "the session is still open"));
        }
        if (actual.endedBy().get() != SessionEnd.QUIT) {
            throw assertionError(shouldHaveSentQuitAndWaitedForReply(
                    actual, "the session ended by " + actual.endedBy().get()));
        }
        return myself;
    }

    /**
     * Verifies that the client pipelined: two consecutive client lines arrived in the same read
     * (the same {@link TranscriptEntry#batch()}), so the client sent the second before the reply to
     * the first (RFC 2920). A client that waits for every reply never has two lines in one read.
     *
     * @return this assert
     */
    public SessionAssert pipelined() {
        isNotNull();
        if (pipelinedGroups().isEmpty()) {
            List<String> lines = clientLines().stream()
                    .map(entry -> "[batch " + entry.batch() + "] " + entry.line())
                    .toList();
            throw assertionError(shouldHavePipelined(actual, lines));
        }
        return myself;
    }

    /**
     * Verifies that the client never pipelined: no two consecutive client lines arrived in the same
     * read, so it waited for each reply before sending the next line (see {@link #pipelined()}).
     *
     * @return this assert
     */
    public SessionAssert didNotPipeline() {
        isNotNull();
        List<String> groups = pipelinedGroups();
        if (!groups.isEmpty()) {
            throw assertionError(shouldNotHavePipelined(actual, groups));
        }
        return myself;
    }

    /**
     * Verifies that the client broke no protocol rule the server checks. The failure lists the violations.
     *
     * @return this assert
     */
    public SessionAssert hasNoViolations() {
        isNotNull();
        if (!actual.violations().isEmpty()) {
            throw assertionError(shouldHaveNoViolations(actual));
        }
        return myself;
    }

    /**
     * Verifies that the client broke this protocol rule. The failure lists the violations there are.
     *
     * @param type the kind of violation
     * @return this assert
     */
    public SessionAssert hasViolation(Violation.Type type) {
        isNotNull();
        Objects.requireNonNull(type, "type");
        if (actual.violations().stream().noneMatch(violation -> violation.type() == type)) {
            throw assertionError(shouldHaveViolation(actual, type));
        }
        return myself;
    }

    /**
     * Verifies that the client ended every line with CRLF, in commands and in message content: no
     * bare CR or LF (RFC 5321 §2.3.8), the line endings behind SMTP smuggling.
     *
     * @return this assert
     */
    public SessionAssert hasNoBareLineEndings() {
        isNotNull();
        List<Violation> bare = actual.violations().stream()
                .filter(violation -> BARE_LINE_ENDINGS.contains(violation.type()))
                .toList();
        if (!bare.isEmpty()) {
            throw assertionError(shouldHaveNoBareLineEndings(actual, bare));
        }
        return myself;
    }

    /**
     * Verifies how the session ended.
     *
     * @param end for example {@link SessionEnd#QUIT}
     * @return this assert
     */
    public SessionAssert endedBy(SessionEnd end) {
        isNotNull();
        Objects.requireNonNull(end, "end");
        if (actual.endedBy().filter(end::equals).isEmpty()) {
            throw assertionError(shouldHaveEndedBy(actual, end));
        }
        return myself;
    }

    /**
     * Navigates to the session's transcript.
     *
     * @return an assert on the transcript
     */
    public TranscriptAssert transcript() {
        isNotNull();
        return toAssertForProxy(extracting(SessionRecord::transcript, TranscriptAssert::new));
    }

    /**
     * Returns the assert a navigation method made. AssertJ's soft assertions intercept methods of
     * this name to make the returned assert collect its failures too; it does nothing otherwise.
     *
     * @param navigated the assert on the navigated-to value
     * @param <A> its type
     * @return the same assert
     */
    protected <A extends AbstractAssert<?, ?>> A toAssertForProxy(A navigated) {
        return navigated;
    }

    private List<Exchange> exchanges() {
        return Exchanges.of(actual.transcript());
    }

    /** Why STARTTLS did not succeed, or empty when a STARTTLS got a 2xx reply. */
    private Optional<String> startTlsProblem() {
        List<Exchange> exchanges = exchanges();
        List<Exchange> startTls = exchanges.stream()
                .filter(exchange -> exchange.verb().equals("STARTTLS"))
                .toList();
        if (startTls.isEmpty()) {
            return Optional.of("it sent no STARTTLS command");
        }
        if (acceptedStartTls(exchanges).isEmpty()) {
            return Optional.of("STARTTLS was refused: "
                    + startTls.stream().map(Exchange::replyText).toList());
        }
        return Optional.empty();
    }

    private static Optional<Exchange> acceptedStartTls(List<Exchange> exchanges) {
        return exchanges.stream()
                .filter(exchange -> exchange.verb().equals("STARTTLS") && exchange.code() / 100 == 2)
                .findFirst();
    }

    private List<TranscriptEntry> clientLines() {
        return actual.transcript().stream()
                .filter(TranscriptEntry::isClientLine)
                .toList();
    }

    /** Runs of consecutive client lines that arrived in one read, as {@code [batch 3] MAIL ..., RCPT ...}. */
    private List<String> pipelinedGroups() {
        List<String> groups = new ArrayList<>();
        List<TranscriptEntry> lines = clientLines();
        int start = 0;
        for (int i = 1; i <= lines.size(); i++) {
            boolean sameBatch = i < lines.size()
                    && lines.get(i).batch() > 0
                    && lines.get(i).batch() == lines.get(start).batch();
            if (!sameBatch) {
                if (i - start > 1) {
                    List<String> texts = lines.subList(start, i).stream()
                            .map(TranscriptEntry::line)
                            .toList();
                    groups.add("[batch " + lines.get(start).batch() + "] " + String.join(", ", texts));
                }
                start = i;
            }
        }
        return groups;
    }

    private static List<String> upperCase(String... verbs) {
        return Arrays.stream(verbs).map(verb -> verb.toUpperCase(Locale.ROOT)).toList();
    }
}
