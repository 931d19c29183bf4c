package dev.twofifty.script;

/**
 * What a rule's count ({@code times}) and scenario state are kept per. With {@link #RECIPIENT}, "fail
 * twice then succeed" fails twice for each recipient address; with {@link #SERVER} it fails twice in
 * all.
 */
public enum Scope {
    /** One count and one scenario state for the whole server (the default). */
    SERVER,
    /** One per session (connection). */
    SESSION,
    /** One per sender address (the reverse-path of the transaction, domain compared ignoring case). */
    SENDER,
    /**
     * One per recipient address: at RCPT the command's recipient; later in a transaction, the sorted list
     * of accepted recipients.
     */
    RECIPIENT
}
