package dev.twofifty.conformance;

/** The phase groups of the catalogue, in session order, with their section numbers. */
public enum Phase {
    CONNECTION("2.1", "Connection and greeting"),
    EHLO("2.2", "EHLO / HELO"),
    TLS("2.3", "STARTTLS and implicit TLS"),
    AUTH("2.4", "AUTH"),
    MAIL("2.5", "MAIL"),
    RCPT("2.6", "RCPT"),
    DATA("2.7", "DATA and BDAT"),
    END_OF_DATA("2.8", "End-of-data replies"),
    TRANSACTIONS("2.9", "RSET, several transactions, connection reuse"),
    QUIT("2.10", "QUIT"),
    TIMEOUTS("2.11", "Timeouts and dropped connections"),
    PIPELINING("2.12", "Pipelining"),
    EXTENSIONS("2.13", "Extensions: SIZE, SMTPUTF8, DSN, enhanced status codes"),
    REPLIES("2.14", "Reply syntax");

    private final String section;
    private final String title;

    Phase(String section, String title) {
        this.section = section;
        this.title = title;
    }

    /** The catalogue section, for example {@code 2.5}. */
    public String section() {
        return section;
    }

    /** The title, for example {@code MAIL}. */
    public String title() {
        return title;
    }
}
