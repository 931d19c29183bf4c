package dev.twofifty.internal.engine;

/**
 * Decodes DATA content (RFC 5321 §4.1.1.4, §4.5.2): removes dot-stuffing and finds the end-of-data
 * line, byte by byte, so that any split of the input across reads gives the same result.
 *
 * <p>In strict mode only CRLF ends a line, so only {@code CRLF.CRLF} ends the data: the SMTP
 * smuggling sequences {@code LF.CRLF}, {@code CRLF.LF}, {@code LF.LF} and {@code CR.CR} are content
 * (flagged as bare LF or CR). In lenient mode a bare LF also ends a line, so {@code LF.LF} and
 * {@code LF.CRLF} end the data too. The data begins at a line start: the DATA command's CRLF counts
 * as the CRLF before the first line.
 */
final class DataDecoder {

    private static final int LINE_START = 0;
    private static final int DOT = 1;
    private static final int DOT_CR = 2;
    private static final int IN_LINE = 3;
    private static final int CR = 4;

    private final boolean lfEndsLine;
    private final int maxLineContent;
    private int state = LINE_START;
    private int lineLength;
    private boolean lineTooLongReported;
    private boolean finished;

    /**
     * @param lfEndsLine whether a bare LF ends a line (lenient mode)
     * @param maxTextLineLength the text line limit including CRLF
     */
    DataDecoder(boolean lfEndsLine, int maxTextLineLength) {
        this.lfEndsLine = lfEndsLine;
        this.maxLineContent = maxTextLineLength - 2;
    }

    boolean finished() {
        return finished;
    }

    /**
     * Decodes {@code input[from, to)} into the sink.
     *
     * @return the index just after the end-of-data line when it was found; the index where decoding
     *     stopped when the sink asked to stop; otherwise -1 (all input consumed)
     */
    int decode(byte[] input, int from, int to, ContentSink sink) {
        int i = from;
        while (i < to) {
            if (sink.stopRequested()) {
                return i;
            }
            byte c = input[i];
            switch (state) {
                case LINE_START -> {
                    lineLength = 0;
                    lineTooLongReported = false;
                    if (c == '.') {
                        state = DOT;
                        lineLength = 1;
                        i++;
                    } else {
                        state = IN_LINE;
                    }
                }
                case DOT -> {
                    if (c == '\r') {
                        state = DOT_CR;
                        i++;
                    } else if (c == '\n' && lfEndsLine) {
                        // Lenient: ".LF" ends the data, but its LF is still a bare LF to record.
                        sink.bareLf();
                        finished = true;
                        return i + 1;
                    } else {
                        // A dot followed by more on the line was stuffing: drop it.
                        state = IN_LINE;
                    }
                }
                case DOT_CR -> {
                    if (c == '\n') {
                        finished = true;
                        return i + 1;
                    }
                    sink.bareCr();
                    sink.write('\r');
                    addToLine(1, sink);
                    state = IN_LINE;
                }
                case IN_LINE -> {
                    int runEnd = i;
                    while (runEnd < to && input[runEnd] != '\r' && input[runEnd] != '\n') {
                        runEnd++;
                    }
                    if (runEnd > i) {
                        sink.write(input, i, runEnd - i);
                        addToLine(runEnd - i, sink);
                        i = runEnd;
                    } else if (c == '\r') {
                        state = CR;
                        i++;
                    } else {
                        sink.bareLf();
                        sink.write('\n');
                        i++;
                        if (lfEndsLine) {
                            state = LINE_START;
                        } else {
                            addToLine(1, sink);
                        }
                    }
                }
                case CR -> {
                    if (c == '\n') {
                        sink.write('\r');
                        sink.write('\n');
                        state = LINE_START;
                        i++;
                    } else {
                        sink.bareCr();
                        sink.write('\r');
                        addToLine(1, sink);
                        if (c == '\r') {
                            i++;
                        } else {
                            state = IN_LINE;
                        }
                    }
                }
                default -> throw new IllegalStateException("decoder state " + state);
            }
        }
        return sink.stopRequested() ? to : -1;
    }

    /** Bytes still held back (a pending CR or dot) when the input ends without the end-of-data line. */
    boolean holdsBytes() {
        return state == DOT || state == DOT_CR || state == CR;
    }

    private void addToLine(int count, ContentSink sink) {
        lineLength += count;
        if (lineLength > maxLineContent && !lineTooLongReported) {
            lineTooLongReported = true;
            sink.lineTooLong();
        }
    }
}
