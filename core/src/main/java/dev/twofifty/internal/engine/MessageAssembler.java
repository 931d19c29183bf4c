package dev.twofifty.internal.engine;

import java.util.Arrays;

/**
 * Collects the content of one message (DATA or BDAT chunks) up to the size limit, counting what
 * goes over it, and notes the flaws found on the way.
 */
final class MessageAssembler implements ContentSink {

    private static final int INITIAL_CAPACITY = 4096;
    private static final int LARGEST_HINT = 1 << 20;

    private final long maxSize;
    private byte[] content;
    private int stored;
    private long received;
    private boolean overLimit;
    private boolean bareCr;
    private boolean bareLf;
    private boolean lineTooLong;
    private boolean eightBit;
    private long stopAfter = -1;

    MessageAssembler(long maxSize) {
        this(maxSize, 0);
    }

    /**
     * @param sizeHint the size the client declared (SIZE), used to allocate once; 0 when unknown
     */
    MessageAssembler(long maxSize, long sizeHint) {
        this.maxSize = maxSize;
        long capacity = Math.min(Math.min(sizeHint > 0 ? sizeHint + 16 : INITIAL_CAPACITY, maxSize + 16), LARGEST_HINT);
        this.content = new byte[(int) Math.max(16, capacity)];
    }

    /** Asks the decoder to stop once this many octets have been received in all (a scripted drop). */
    void stopAfter(long octets) {
        this.stopAfter = octets;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        if (stopAfter >= 0 && received + length > stopAfter) {
            length = (int) Math.max(0, stopAfter - received);
        }
        for (int i = offset; i < offset + length && !eightBit; i++) {
            if (source[i] < 0) {
                eightBit = true;
            }
        }
        received += length;
        if (overLimit || received > maxSize) {
            overLimit = true;
            return;
        }
        ensureCapacity(stored + length);
        System.arraycopy(source, offset, content, stored, length);
        stored += length;
    }

    @Override
    public void write(int octet) {
        if (stopAfter >= 0 && received >= stopAfter) {
            return;
        }
        received++;
        if ((octet & 0x80) != 0) {
            eightBit = true;
        }
        if (overLimit || received > maxSize) {
            overLimit = true;
            return;
        }
        ensureCapacity(stored + 1);
        content[stored++] = (byte) octet;
    }

    @Override
    public void bareCr() {
        bareCr = true;
    }

    @Override
    public void bareLf() {
        bareLf = true;
    }

    @Override
    public void lineTooLong() {
        lineTooLong = true;
    }

    @Override
    public boolean stopRequested() {
        return stopAfter >= 0 && received >= stopAfter;
    }

    long received() {
        return received;
    }

    boolean overLimit() {
        return overLimit;
    }

    boolean hasBareCr() {
        return bareCr;
    }

    boolean hasBareLf() {
        return bareLf;
    }

    boolean hasLineTooLong() {
        return lineTooLong;
    }

    boolean hasEightBit() {
        return eightBit;
    }

    /** The size of the backing array: what the content holds in memory, for tests of its bound. */
    int capacity() {
        return content.length;
    }

    /** The content stored so far, exactly. */
    byte[] content() {
        return Arrays.copyOf(content, stored);
    }

    private void ensureCapacity(int needed) {
        if (needed > content.length) {
            content = Arrays.copyOf(
                    content, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, content.length * 2L)));
        }
    }
}
