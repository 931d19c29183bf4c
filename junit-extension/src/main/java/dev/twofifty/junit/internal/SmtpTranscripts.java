package dev.twofifty.junit.internal;

/**
 * Carries the transcripts of a failed test's SMTP sessions as a suppressed exception of the failure,
 * so they show in every report that prints the failure. It has no stack trace of its own.
 */
public final class SmtpTranscripts extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmtpTranscripts(String transcripts) {
        super(transcripts, null, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
