package dev.twofifty;

/** The SASL mechanisms the server offers with the AUTH extension (RFC 4954). */
public enum AuthMechanism {
    /** {@code PLAIN}, RFC 4616: authorization identity, user and password in one base64 response. */
    PLAIN("PLAIN"),
    /** {@code LOGIN}: user and password in two base64 responses to {@code Username:} and {@code Password:}. */
    LOGIN("LOGIN"),
    /** {@code CRAM-MD5}, RFC 2195: an HMAC-MD5 of a server challenge keyed with the password. */
    CRAM_MD5("CRAM-MD5"),
    /** {@code XOAUTH2}: a bearer token, checked against the configured password of the user. */
    XOAUTH2("XOAUTH2");

    private final String saslName;

    AuthMechanism(String saslName) {
        this.saslName = saslName;
    }

    /** The name on the wire, for example {@code CRAM-MD5}. */
    public String saslName() {
        return saslName;
    }

    /** The mechanism with this SASL name (case-insensitive), or {@code null} when there is none. */
    public static AuthMechanism bySaslName(String name) {
        for (AuthMechanism mechanism : values()) {
            if (mechanism.saslName.equalsIgnoreCase(name)) {
                return mechanism;
            }
        }
        return null;
    }
}
