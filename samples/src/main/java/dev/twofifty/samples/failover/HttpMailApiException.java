package dev.twofifty.samples.failover;

/** The e-mail API did not accept a message, or could not be reached. */
public final class HttpMailApiException extends Exception {

    private static final long serialVersionUID = 1L;

    public HttpMailApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
