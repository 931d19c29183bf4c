package dev.twofifty.internal.engine;

/** Where decoded message content goes, with the flaws the decoder finds on the way. */
interface ContentSink {

    void write(byte[] source, int offset, int length);

    void write(int octet);

    /** A CR not followed by LF was found in the content. */
    void bareCr();

    /** A LF not preceded by CR was found in the content. */
    void bareLf();

    /** A line longer than the text line limit was found. */
    void lineTooLong();

    /** Whether the decoder should stop at once (a scripted drop in mid-content). */
    boolean stopRequested();
}
