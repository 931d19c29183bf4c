package dev.twofifty.script;

import dev.twofifty.testing.RawSmtpClient;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bytes read one at a time, each with the time it was read, measured from a start time taken
 * before the request was sent. Such times are lower bounds on when the server sent each byte,
 * which is all the tests assert.
 */
record TimedBytes(byte[] bytes, long[] elapsedNanos) {

    /** Reads exactly {@code count} bytes, one at a time. */
    static TimedBytes read(RawSmtpClient client, int count, long startNanos) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(count);
        long[] elapsed = new long[count];
        for (int i = 0; i < count; i++) {
            int b = client.readByte();
            if (b < 0) {
                throw new UncheckedIOException(new java.io.IOException(
                        "connection closed after \"" + bytes.toString(StandardCharsets.UTF_8) + "\""));
            }
            elapsed[i] = System.nanoTime() - startNanos;
            bytes.write(b);
        }
        return new TimedBytes(bytes.toByteArray(), elapsed);
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** When the byte at this offset had been read, since the start. */
    Duration at(int offset) {
        return Duration.ofNanos(elapsedNanos[offset]);
    }

    /** When the last byte had been read, since the start. */
    Duration last() {
        return at(bytes.length - 1);
    }
}
