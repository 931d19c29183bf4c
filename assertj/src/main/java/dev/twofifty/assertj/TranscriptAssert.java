package dev.twofifty.assertj;

import static dev.twofifty.assertj.error.ShouldContainTranscriptLine.shouldContainClientLine;
import static dev.twofifty.assertj.error.ShouldContainTranscriptLine.shouldContainClientLinesInOrder;
import static dev.twofifty.assertj.error.ShouldContainTranscriptLine.shouldContainServerLine;
import static dev.twofifty.assertj.error.ShouldContainTranscriptLine.shouldContainServerLineMatching;
import static dev.twofifty.assertj.error.ShouldContainTranscriptLine.shouldNotContainClientLine;

import dev.twofifty.journal.TranscriptEntry;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a session's transcript: the lines the client sent and the server replied, exactly
 * as recorded (command lines without CRLF, SASL secrets masked as {@code ****}). Failures print the
 * whole transcript.
 *
 * <pre>{@code
 * assertThat(session).transcript()
 *         .containsClientLinesInOrder("MAIL FROM:<ann@example.com>", "RCPT TO:<bob@example.com>")
 *         .containsServerLineMatching("250 2\\.0\\.0 OK: queued as \\d+");
 * }</pre>
 */
public class TranscriptAssert extends AbstractAssert<TranscriptAssert, List<TranscriptEntry>> {

    /**
     * Creates an assert on a transcript; {@link SmtpAssertions#assertThatTranscript(List)} is the usual way.
     *
     * @param actual the transcript entries
     */
    public TranscriptAssert(List<TranscriptEntry> actual) {
        super(actual, TranscriptAssert.class);
    }

    /**
     * Verifies that the client sent exactly this line.
     *
     * @param line the line without CRLF, for example {@code MAIL FROM:<ann@example.com>}
     * @return this assert
     */
    public TranscriptAssert containsClientLine(String line) {
        isNotNull();
        Objects.requireNonNull(line, "line");
        if (!clientLines().contains(line)) {
            throw assertionError(shouldContainClientLine(actual, line));
        }
        return myself;
    }

    /**
     * Verifies that the server sent exactly this line.
     *
     * @param line the line without CRLF, for example {@code 250 2.0.0 OK: queued as 1}
     * @return this assert
     */
    public TranscriptAssert containsServerLine(String line) {
        isNotNull();
        Objects.requireNonNull(line, "line");
        if (!serverLines().contains(line)) {
            throw assertionError(shouldContainServerLine(actual, line));
        }
        return myself;
    }

    /**
     * Verifies that a line the server sent matches the regular expression in full.
     *
     * @param regex the regular expression
     * @return this assert
     */
    public TranscriptAssert containsServerLineMatching(String regex) {
        isNotNull();
        Pattern pattern = Pattern.compile(regex);
        if (serverLines().stream().noneMatch(line -> pattern.matcher(line).matches())) {
            throw assertionError(shouldContainServerLineMatching(actual, regex));
        }
        return myself;
    }

    /**
     * Verifies that the client sent these lines in this order, possibly with other lines between them.
     *
     * @param lines the lines without CRLF
     * @return this assert
     */
    public TranscriptAssert containsClientLinesInOrder(String... lines) {
        isNotNull();
        List<String> sent = clientLines();
        int from = 0;
        for (String line : lines) {
            int found = sent.subList(from, sent.size()).indexOf(line);
            if (found < 0) {
                throw assertionError(shouldContainClientLinesInOrder(actual, List.of(lines), line));
            }
            from += found + 1;
        }
        return myself;
    }

    /**
     * Verifies that the client never sent this line.
     *
     * @param line the line without CRLF
     * @return this assert
     */
    public TranscriptAssert doesNotContainClientLine(String line) {
        isNotNull();
        Objects.requireNonNull(line, "line");
        if (clientLines().contains(line)) {
            throw assertionError(shouldNotContainClientLine(actual, line));
        }
        return myself;
    }

    private List<String> clientLines() {
        return actual.stream()
                .filter(TranscriptEntry::isClientLine)
                .map(TranscriptEntry::line)
                .toList();
    }

    private List<String> serverLines() {
        return actual.stream()
                .filter(TranscriptEntry::isServerLine)
                .map(TranscriptEntry::line)
                .toList();
    }
}
