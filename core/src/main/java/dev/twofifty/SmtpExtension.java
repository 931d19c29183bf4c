package dev.twofifty;

/**
 * The ESMTP service extensions the server can advertise in its EHLO reply, each switchable per server
 * with {@link ServerConfig.Builder#enable} and {@link ServerConfig.Builder#disable}, and per session
 * by a script that changes the EHLO capability list.
 */
public enum SmtpExtension {
    /** Command pipelining, RFC 2920. On by default. */
    PIPELINING("PIPELINING"),
    /** 8-bit MIME transport ({@code BODY=8BITMIME}), RFC 6152. On by default. */
    EIGHT_BIT_MIME("8BITMIME"),
    /** Internationalized e-mail addresses, RFC 6531. On by default. */
    SMTPUTF8("SMTPUTF8"),
    /** Message size declaration and limit, RFC 1870. On by default. */
    SIZE("SIZE"),
    /** Enhanced status codes in replies, RFC 2034 and RFC 3463. On by default. */
    ENHANCED_STATUS_CODES("ENHANCEDSTATUSCODES"),
    /** {@code BDAT} chunking, RFC 3030. On by default. */
    CHUNKING("CHUNKING"),
    /** Delivery status notification parameters, RFC 3461. On by default. */
    DSN("DSN"),
    /** {@code STARTTLS}, RFC 3207. Off by default; turning it on uses a generated certificate unless one is configured. */
    STARTTLS("STARTTLS"),
    /** {@code AUTH}, RFC 4954. Off by default; configuring credentials turns it on. */
    AUTH("AUTH");

    private final String keyword;

    SmtpExtension(String keyword) {
        this.keyword = keyword;
    }

    /** The EHLO keyword, for example {@code 8BITMIME}. */
    public String keyword() {
        return keyword;
    }

    /** The extension with this EHLO keyword (case-insensitive), or {@code null} when there is none. */
    public static SmtpExtension byKeyword(String keyword) {
        for (SmtpExtension extension : values()) {
            if (extension.keyword.equalsIgnoreCase(keyword)) {
                return extension;
            }
        }
        return null;
    }
}
