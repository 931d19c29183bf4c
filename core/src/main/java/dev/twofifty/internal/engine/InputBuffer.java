package dev.twofifty.internal.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a session has received and not yet consumed, with the number of the read ("batch") each
 * byte arrived in, so that lines can be attributed to the read that completed them.
 *
 * <p>Command lines are read with {@link #readLine}: a line over the limit is not buffered but
 * skipped up to its end, and reported as one flawed line, so that 10 MiB without a line end costs
 * no memory.
 */
final class InputBuffer {

    /** Flaw bits of a {@link Line}. */
    static final int BARE_LF = 1;

    static final int BARE_CR = 2;
    static final int NUL = 4;
    static final int TOO_LONG = 8;
    static final int NON_ASCII = 16;

    /**
     * One line without its terminator.
     *
     * @param bytes the line's bytes; for a line that was too long, only its first bytes
     * @param flaws a combination of the flaw bits
     * @param batch the read in which the line was completed
     */
    record Line(byte[] bytes, int flaws, int batch) {
        boolean has(int flaw) {
            return (flaws & flaw) != 0;
        }
    }

    private static final int INITIAL_CAPACITY = 512;
    /** A backing array larger than this is given back by {@link #trim} once it is mostly empty. */
    static final int RETAINED_CAPACITY = 8192;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int readIndex;
    private int writeIndex;
    /** Absolute offset of buffer[0] in the stream. */
    private long base;
    /** Absolute start offsets of batches still in the buffer, and their numbers. */
    private long[] batchStarts = new long[8];

    private int[] batchNumbers = new int[8];
    private int batchCount;
    /** While skipping an overlong line: how much was skipped, and its first bytes. */
    private boolean skipping;

    private byte[] skippedHead;
    private int skippedFlaws;

    /** Appends received bytes, all from one read. */
    void append(ByteBuffer source, int batch) {
        int length = source.remaining();
        if (length == 0) {
            return;
        }
        ensureWritable(length);
        long start = base + writeIndex;
        source.get(buffer, writeIndex, length);
        writeIndex += length;
        markBatch(start, batch);
    }

    /** Appends received bytes, all from one read. */
    void append(byte[] source, int offset, int length, int batch) {
        append(ByteBuffer.wrap(source, offset, length), batch);
    }

    int readable() {
        return writeIndex - readIndex;
    }

    /** A copy of the first readable bytes, at most {@code max}, without consuming them. */
    byte[] peek(int max) {
        return java.util.Arrays.copyOfRange(buffer, readIndex, readIndex + Math.min(max, readable()));
    }

    /** The size of the backing array: what the buffer holds in memory, whatever is readable. */
    int capacity() {
        return buffer.length;
    }

    /**
     * Gives back a large backing array (grown for a big read) once what it holds would fit in a
     * quarter of it, so that a connection holds little memory between reads, however large its reads
     * were. Called at the end of a read burst.
     */
    void trim() {
        int live = readable();
        if (buffer.length <= RETAINED_CAPACITY || live * 4L > buffer.length) {
            return;
        }
        int capacity = INITIAL_CAPACITY;
        while (capacity < live) {
            capacity *= 2;
        }
        byte[] smaller = new byte[capacity];
        System.arraycopy(buffer, readIndex, smaller, 0, live);
        buffer = smaller;
        base += readIndex;
        readIndex = 0;
        writeIndex = live;
    }

    /** Drops everything buffered (plaintext after STARTTLS, input while stalled). Returns how many bytes were dropped. */
    int discard() {
        int dropped = readable();
        consume(dropped);
        skipping = false;
        return dropped;
    }

    /**
     * Reads one command line, or returns {@code null} when no complete line is buffered yet. Any LF
     * ends a command line, so that a client using bare LF gets a clear reply instead of silence; a
     * LF without CR before it is reported as the {@link #BARE_LF} flaw.
     *
     * @param maxLength the longest line allowed, including its CRLF
     */
    Line readLine(int maxLength) {
        int contentLimit = maxLength - 2;
        int lf = indexOf((byte) '\n', readIndex);
        if (lf < 0) {
            if (skipping || readable() > contentLimit + 1) {
                startOrContinueSkipping(contentLimit);
            }
            return null;
        }
        boolean crlf = lf > readIndex && buffer[lf - 1] == '\r';
        int contentEnd = crlf ? lf - 1 : lf;
        int batch = batchAt(base + lf);
        Line line;
        if (skipping) {
            int flaws = skippedFlaws | TOO_LONG | flawsOf(readIndex, contentEnd) | (crlf ? 0 : BARE_LF);
            line = new Line(skippedHead, flaws, batch);
            skipping = false;
            skippedHead = null;
            skippedFlaws = 0;
        } else {
            int length = contentEnd - readIndex;
            int flaws = flawsOf(readIndex, contentEnd) | (crlf ? 0 : BARE_LF);
            if (length > contentLimit) {
                flaws |= TOO_LONG;
                // The same head as a line skipped across reads keeps, so the split never shows.
                length = headLength(contentLimit);
            }
            line = new Line(Arrays.copyOfRange(buffer, readIndex, readIndex + length), flaws, batch);
        }
        consume(lf + 1 - readIndex);
        return line;
    }

    /**
     * Feeds buffered message content to the decoder until it finds the end of data or runs out.
     *
     * @return {@code true} when the end of data was found (and consumed)
     */
    boolean readData(DataDecoder decoder, ContentSink sink) {
        int end = decoder.decode(buffer, readIndex, writeIndex, sink);
        if (end < 0) {
            consume(readable());
            return false;
        }
        consume(end - readIndex);
        return decoder.finished();
    }

    /**
     * Moves up to {@code remaining} octets of a BDAT chunk into the sink.
     *
     * @return how many octets were moved
     */
    int readChunk(long remaining, ContentSink sink) {
        int count = (int) Math.min(remaining, readable());
        if (count > 0) {
            sink.write(buffer, readIndex, count);
            consume(count);
        }
        return count;
    }

    private void startOrContinueSkipping(int contentLimit) {
        int available = readable();
        if (!skipping) {
            skipping = true;
            skippedHead =
                    Arrays.copyOfRange(buffer, readIndex, readIndex + Math.min(available, headLength(contentLimit)));
            skippedFlaws = 0;
        }
        // Keep a trailing CR: it may be the first half of the CRLF that ends the line.
        int keep = available > 0 && buffer[writeIndex - 1] == '\r' ? 1 : 0;
        skippedFlaws |= flawsOf(readIndex, writeIndex - keep);
        consume(available - keep);
    }

    /** How much of a line over the limit is kept to show what it was. */
    private static int headLength(int contentLimit) {
        return Math.max(0, Math.min(contentLimit, 200));
    }

    private int flawsOf(int from, int to) {
        int flaws = 0;
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                flaws |= BARE_LF;
            } else if (b == '\r') {
                flaws |= BARE_CR;
            } else if (b == 0) {
                flaws |= NUL;
            } else if (b < 0) {
                flaws |= NON_ASCII;
            }
        }
        return flaws;
    }

    private int indexOf(byte value, int from) {
        for (int i = from; i < writeIndex; i++) {
            if (buffer[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private void consume(int count) {
        readIndex += count;
        long consumedUpTo = base + readIndex;
        while (batchCount > 1 && batchStarts[1] <= consumedUpTo) {
            System.arraycopy(batchStarts, 1, batchStarts, 0, batchCount - 1);
            System.arraycopy(batchNumbers, 1, batchNumbers, 0, batchCount - 1);
            batchCount--;
        }
        if (readIndex == writeIndex) {
            base += readIndex;
            readIndex = 0;
            writeIndex = 0;
        }
    }

    private int batchAt(long absoluteOffset) {
        int batch = batchCount == 0 ? 0 : batchNumbers[0];
        for (int i = 0; i < batchCount && batchStarts[i] <= absoluteOffset; i++) {
            batch = batchNumbers[i];
        }
        return batch;
    }

    private void markBatch(long start, int batch) {
        if (batchCount > 0 && batchNumbers[batchCount - 1] == batch) {
            return;
        }
        if (batchCount == batchStarts.length) {
            batchStarts = Arrays.copyOf(batchStarts, batchCount * 2);
            batchNumbers = Arrays.copyOf(batchNumbers, batchCount * 2);
        }
        batchStarts[batchCount] = start;
        batchNumbers[batchCount] = batch;
        batchCount++;
    }

    private void ensureWritable(int length) {
        if (writeIndex + length <= buffer.length) {
            return;
        }
        int live = readable();
        if (readIndex > 0 && live + length <= buffer.length) {
            System.arraycopy(buffer, readIndex, buffer, 0, live);
        } else {
            int capacity = buffer.length;
            while (capacity < live + length) {
                capacity *= 2;
            }
            byte[] larger = new byte[capacity];
            System.arraycopy(buffer, readIndex, larger, 0, live);
            buffer = larger;
        }
        base += readIndex;
        readIndex = 0;
        writeIndex = live;
    }
}
