package dev.twofifty.assertj;

import dev.twofifty.journal.Envelope;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.Recipient;
import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Messages, envelopes and failure helpers built by hand for the assertion tests. */
final class TestData {

    static final Instant RECEIVED_AT = Instant.parse("2025-01-01T10:00:00Z");

    /** A plain-text message with a From display name, a dot-stuffed line and a trailing CRLF. */
    static final String PLAIN = """
            From: Ann <ann@example.com>\r
            To: Bob <bob@example.com>\r
            Subject: Hello\r
            Message-ID: <1@example.com>\r
            X-Mailer: TestMailer 1.0\r
            \r
            Hi Bob,\r
            .leading dot\r
            Bye\r
            """;

    /** A multipart/mixed message: text and HTML alternatives, a CSV attachment, an encoded-word subject, a Cc. */
    static final String MULTIPART = """
            From: =?UTF-8?Q?J=C3=BCrgen?= <jurgen@example.com>\r
            To: bob@example.com, Carl <carl@EXAMPLE.com>\r
            Cc: dora@example.com\r
            Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            --outer\r
            Content-Type: multipart/alternative; boundary="inner"\r
            \r
            --inner\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Gr=C3=BC=C3=9Fe, Bob!\r
            Your order 42 has shipped.\r
            --inner\r
            Content-Type: text/html; charset=UTF-8\r
            \r
            <p>Gr&uuml;&szlig;e, <b>Bob</b>!</p>\r
            --inner--\r
            --outer\r
            Content-Type: text/csv; name="order.csv"\r
            Content-Disposition: attachment; filename="order.csv"\r
            Content-Transfer-Encoding: base64\r
            \r
            aWQsdG90YWwNCjQyLDEyLjAwDQo=\r
            --outer--\r
            """;

    private TestData() {}

    /** Message 1 of session 1 from ann@example.com to bob@example.com. */
    static ReceivedMessage message(String raw) {
        return message(1, envelope("ann@example.com", "bob@example.com"), raw);
    }

    static ReceivedMessage message(long id, Envelope envelope, String raw) {
        return new ReceivedMessage(id, 1, 1, envelope, raw.getBytes(StandardCharsets.UTF_8), RECEIVED_AT);
    }

    /** An envelope without parameters; {@code ""} is the null sender. */
    static Envelope envelope(String sender, String... recipients) {
        return new Envelope(
                path(sender),
                EsmtpParameters.NONE,
                Arrays.stream(recipients)
                        .map(address -> new Recipient(path(address), EsmtpParameters.NONE))
                        .toList());
    }

    static Envelope envelope(Map<String, String> mailParameters, List<Recipient> recipients) {
        return new Envelope(path("ann@example.com"), new EsmtpParameters(mailParameters), recipients);
    }

    static Recipient recipient(String address, String... parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            values.put(parameters[i], parameters[i + 1]);
        }
        return new Recipient(path(address), new EsmtpParameters(values));
    }

    static Path path(String address) {
        return address.isEmpty() ? Path.NULL : Path.of(Address.parse(address));
    }

    /** The text with LF replaced by the platform's line separator, as AssertJ's {@code %n} renders it. */
    static String lines(String text) {
        return text.replace("\n", System.lineSeparator());
    }

    /** Runs the code and returns the assertion error it must throw. */
    static AssertionError expectAssertionError(ThrowingCallable code) {
        AssertionError error = Assertions.catchThrowableOfType(AssertionError.class, code);
        Assertions.assertThat(error).as("an AssertionError").isNotNull();
        return error;
    }
}
