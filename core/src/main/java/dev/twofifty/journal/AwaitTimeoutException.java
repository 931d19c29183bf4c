package dev.twofifty.journal;

/**
 * Thrown when a wait on the journal, such as {@link Journal#awaitMessages}, times out. The message
 * says what was awaited and lists what did arrive.
 */
public final class AwaitTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its full explanation. */
    public AwaitTimeoutException(String message) {
        super(message);
    }
}
