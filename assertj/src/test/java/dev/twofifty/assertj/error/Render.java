package dev.twofifty.assertj.error;

import static org.assertj.core.presentation.StandardRepresentation.STANDARD_REPRESENTATION;

import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.Recipient;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;

/** Renders error message factories as AssertJ does, and builds the values they describe. */
final class Render {

    private Render() {}

    /** The message with the description {@code Test}, line ends as {@code %n} renders them. */
    static String render(ErrorMessageFactory factory) {
        return factory.create(new TextDescription("Test"), STANDARD_REPRESENTATION);
    }

    /** The expected text: {@code [Test] } and the text with LF as the platform's line separator. */
    static String expected(String text) {
        return "[Test] " + text.replace("\n", System.lineSeparator());
    }

    static Envelope envelope(String sender, String... recipients) {
        return new Envelope(
                path(sender),
                EsmtpParameters.NONE,
                Arrays.stream(recipients)
                        .map(address -> new Recipient(path(address), EsmtpParameters.NONE))
                        .toList());
    }

    static ReceivedMessage message(long id, Envelope envelope, String raw) {
        return new ReceivedMessage(id, 1, 1, envelope, raw.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    static SessionRecord session(long id, List<String> clientLines, List<Violation> violations, SessionEnd end) {
        List<TranscriptEntry> transcript = clientLines.stream()
                .map(line -> new TranscriptEntry(
                        TranscriptEntry.Party.CLIENT, TranscriptEntry.Kind.LINE, line, Duration.ZERO, 1))
                .toList();
        return new SessionRecord(
                id,
                "127.0.0.1:40000",
                Instant.EPOCH,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                transcript,
                0,
                violations,
                List.of(),
                Optional.ofNullable(end));
    }

    static Violation violation(Violation.Type type, String detail) {
        return new Violation(type, detail, Duration.ZERO);
    }

    private static Path path(String address) {
        return address.isEmpty() ? Path.NULL : Path.of(Address.parse(address));
    }
}
