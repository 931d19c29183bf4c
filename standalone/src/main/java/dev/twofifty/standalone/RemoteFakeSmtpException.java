package dev.twofifty.standalone;

/**
 * The admin API of a standalone server answered a {@link RemoteFakeSmtp} request with an error, or with
 * something that is not its JSON. The message names the request and carries the server's explanation,
 * for example {@code GET http://127.0.0.1:8025/api/rules: 401 Unauthorized: This admin API needs the
 * header 'Authorization: Bearer <token>' (see --admin-token)}.
 *
 * <p>Not every failure is this type: a rule the server rejects is an {@link IllegalArgumentException},
 * a wait that times out an {@link dev.twofifty.journal.AwaitTimeoutException}, and a server that cannot
 * be reached an {@link java.io.UncheckedIOException}.
 */
public final class RemoteFakeSmtpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param endpoint the request, for example {@code GET http://127.0.0.1:8025/api/rules/r1}
     * @param status the HTTP status, or 0 when the answer was a success but not understood
     * @param message the full explanation
     */
    public RemoteFakeSmtpException(String endpoint, int status, String message) {
        super(message);
        this.endpoint = endpoint;
        this.status = status;
    }

    /** The request that failed: method and URI. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status of the answer, or 0 when a successful answer could not be understood. */
    public int status() {
        return status;
    }
}
