package dev.twofifty.conformance.cases;

/** A deliberate fault of the {@link TestSmtpClient}: each one breaks exactly one thing a case checks. */
enum Flaw {
    /** Sends MAIL twice at the start of each transaction (a retry bug): the second is inside the transaction. */
    MAIL_TWICE,
    /** No RSET after a transaction whose recipients were all refused. */
    NO_RSET,
    /** Keeps using a connection after a 421. */
    IGNORES_421,
    /** Reports every failed MAIL as a permanent refusal of the sender, without retrying. */
    MAIL_FAILURE_PERMANENT,
    /** Closes without QUIT. */
    NO_QUIT,
    /** Sends QUIT and closes at once, without waiting for the 221. */
    CLOSE_BEFORE_221,
    /** Reports the last message as failed when QUIT does not get 221. */
    QUIT_FAILURE_FAILS_MESSAGE,
    /** Closes without QUIT once a message failed. */
    NO_QUIT_AFTER_ERROR,
    /** No read timeout at all. */
    NO_TIMEOUT,
    /** A read timeout of a twentieth of the one it is given. */
    SHORT_TIMEOUT,
    /** Read timeouts only: a blocked write waits forever. */
    NO_WRITE_TIMEOUT,
    /** One deadline (the timeout) for the whole session instead of one per command. */
    GLOBAL_DEADLINE,
    /** The data, from DATA to the final reply, must be done within a third of the timeout. */
    WHOLE_MESSAGE_DEADLINE,
    /** Reports a message as delivered when the connection drops after the 354. */
    DROP_AFTER_DATA_IS_SUCCESS,
    /** Pipelines MAIL, RCPT and DATA even when PIPELINING is not offered. */
    PIPELINE_WITHOUT_OFFER,
    /** Sends a NOOP right behind EHLO, before its reply. */
    PIPELINE_THROUGH_EHLO,
    /** After a 354 that followed only refused recipients, sends the content anyway. */
    CONTENT_TO_NOBODY,
    /** Reports the 503s to RCPT after a refused MAIL as refused recipients. */
    RECIPIENT_FAILURES,
    /** Writes a whole pipelined group before reading any reply, with 4 KB socket buffers. */
    SENDS_ALL_BEFORE_READING,
    /** Reads one line per reply (except the EHLO reply, which it parses line by line). */
    FIRST_LINE_ONLY,
    /** Takes one read from the socket as one whole reply. */
    ONE_READ_PER_REPLY,
    /** Only CRLF ends a reply line (strictly right, but most clients also accept LF). */
    STRICT_CRLF,
    /** Refuses replies that are a code alone, without a space or hyphen after it. */
    STRICT_REPLY_SYNTAX,
    /** Accepts exactly 250 (251 for RCPT), 354 and 221; any other code is a failure. */
    EXACT_CODES,
    /** Decides by the reply text: "error"/"reject" is a failure, "ok"/"accepted" a success. */
    TEXT_DECIDES,
    /** Takes the class of a reply from its enhanced status code. */
    ENHANCED_CLASS_DECIDES,
    /** Takes malformed replies (and a line cut off by a close) as 250. */
    TRUSTS_MALFORMED,
    /** Neither checks nor declares the advertised SIZE. */
    IGNORES_SIZE,
    /** Declares half the message size with SIZE=. */
    DECLARES_LOW_SIZE,
    /** Sends SIZE=, BODY=, DSN and AUTH= parameters whether or not they were offered. */
    PARAMETERS_ALWAYS,
    /** Sends internationalised addresses raw when SMTPUTF8 is not offered. */
    RAW_UTF8,
    /** Leaves out the SMTPUTF8 parameter for internationalised addresses. */
    NO_SMTPUTF8_PARAMETER,
    /** Sends ENVID and AUTH= values as given, without xtext. */
    RAW_DSN_VALUES
}
