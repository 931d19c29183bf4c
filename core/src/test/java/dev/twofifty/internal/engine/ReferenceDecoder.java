package dev.twofifty.internal.engine;

import java.io.ByteArrayOutputStream;

/**
 * A reference model of DATA decoding (RFC 5321 §4.1.1.4, §4.5.2), written as plainly as possible and
 * independently of {@link DataDecoder}: it looks at the whole input at once, by index, instead of
 * running a state machine byte by byte.
 *
 * <ul>
 *   <li>A line starts at the beginning of the data (the DATA command's CRLF ends the line before it)
 *       and after every CRLF; in lenient mode after every LF too.
 *   <li>The data ends at the first line that is a single dot: {@code .CRLF}; in lenient mode also
 *       {@code .LF}.
 *   <li>Every other dot at the start of a line is dropped (dot-unstuffing); all other octets are
 *       content, as received.
 * </ul>
 */
final class ReferenceDecoder {

    /**
     * The decoding of an input.
     *
     * @param end the index just after the end-of-data line, or -1 when the input has none
     * @param content the content before the end-of-data line, unstuffed (only when {@code end >= 0})
     * @param bareCr a CR not followed by LF in the consumed input
     * @param bareLf a LF not preceded by CR in the consumed input
     * @param lineTooLong a line longer than the text line limit (excluding its line end)
     */
    record Decoded(int end, byte[] content, boolean bareCr, boolean bareLf, boolean lineTooLong) {
        boolean finished() {
            return end >= 0;
        }
    }

    private ReferenceDecoder() {}

    static Decoded decode(byte[] in, boolean lenient, int maxTextLineLength) {
        int dot = -1;
        int end = -1;
        for (int i = 0; i < in.length && dot < 0; i++) {
            if (!lineStart(in, i, lenient) || in[i] != '.') {
                continue;
            }
            if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                dot = i;
                end = i + 3;
            } else if (lenient && i + 1 < in.length && in[i + 1] == '\n') {
                dot = i;
                end = i + 2;
            }
        }
        if (dot < 0) {
            return new Decoded(-1, new byte[0], false, false, false);
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int i = 0; i < dot; i++) {
            if (!(in[i] == '.' && lineStart(in, i, lenient))) {
                content.write(in[i]);
            }
        }
        boolean bareCr = false;
        boolean bareLf = false;
        for (int i = 0; i < end; i++) {
            if (in[i] == '\r' && (i + 1 >= end || in[i + 1] != '\n')) {
                bareCr = true;
            }
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                bareLf = true;
            }
        }
        boolean tooLong = false;
        int lineStart = 0;
        for (int i = 0; i < dot; i++) {
            if (lineStart(in, i + 1, lenient)) {
                // in[i] is the LF that ends a line; a CR right before it belongs to the line end.
                int length = i - lineStart - (i > lineStart && in[i - 1] == '\r' ? 1 : 0);
                tooLong |= length > maxTextLineLength - 2;
                lineStart = i + 1;
            }
        }
        return new Decoded(end, content.toByteArray(), bareCr, bareLf, tooLong);
    }

    /** Whether index {@code i} is the start of a line. */
    private static boolean lineStart(byte[] in, int i, boolean lenient) {
        if (i == 0) {
            return true;
        }
        if (lenient) {
            return in[i - 1] == '\n';
        }
        return i >= 2 && in[i - 1] == '\n' && in[i - 2] == '\r';
    }

    /** Dot-stuffs content made of CRLF-terminated lines and appends the end-of-data line. */
    static byte[] stuffAndTerminate(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 16);
        boolean atLineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (atLineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            atLineStart = b == '\n' && i > 0 && content[i - 1] == '\r';
        }
        if (content.length > 0 && !atLineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
