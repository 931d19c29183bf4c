package dev.twofifty.assertj;

import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TlsInfo;
import dev.twofifty.journal.Violation;

/** Two sessions built by hand, shared by the session, journal and soft assertion tests. */
final class Sessions {

    private Sessions() {}

    /** STARTTLS, EHLO again, AUTH, a message with one rejected recipient, QUIT. */
    static final SessionRecord SECURE = Transcripts.session()
            .client("EHLO client.example")
            .server("250-localhost Hello client.example")
            .server("250-PIPELINING")
            .server("250 STARTTLS")
            .exchange("STARTTLS", "220 2.0.0 Ready to start TLS")
            .event("TLS established: TLSv1.3 TLS_AES_128_GCM_SHA256")
            .client("EHLO client.example")
            .server("250-localhost Hello client.example")
            .server("250 AUTH PLAIN LOGIN")
            .exchange("AUTH PLAIN ****", "235 2.7.0 Authentication successful")
            .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
            .exchange("RCPT TO:<bob@example.com>", "250 2.1.5 Recipient <bob@example.com> OK")
            .exchange("RCPT TO:<nobody@example.com>", "550 5.1.1 No such user")
            .exchange("DATA", "354 End data with <CR><LF>.<CR><LF>")
            .content("[message content: 120 octets]")
            .server("250 2.0.0 OK: queued as 1")
            .exchange("QUIT", "221 2.0.0 localhost Bye")
            .event("connection closed (QUIT)")
            .tls(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", false))
            .authenticatedAs("ann")
            .endedBy(SessionEnd.QUIT)
            .build();

    /** Plain text, AUTH LOGIN without TLS, MAIL, RCPT and DATA pipelined, a close without QUIT. */
    static final SessionRecord PIPELINED = Transcripts.session()
            .exchange("EHLO client.example", "250 localhost Hello client.example")
            .exchange("AUTH LOGIN", "334 VXNlcm5hbWU6")
            .exchange("****", "334 UGFzc3dvcmQ6")
            .exchange("****", "535 5.7.8 Authentication credentials invalid")
            .exchange("MAIL FROM:<ann@example.com>", "250 2.1.0 Sender <ann@example.com> OK")
            .pipelined("RCPT TO:<bob@example.com>")
            .server("250 2.1.5 Recipient <bob@example.com> OK")
            .pipelined("DATA")
            .server("354 End data with <CR><LF>.<CR><LF>")
            .content("[message content: 12 octets]")
            .server("250 2.0.0 OK: queued as 2")
            .event("connection closed (CLIENT_CLOSE)")
            .violation(Violation.Type.BARE_LF_IN_DATA, "message content held a bare LF")
            .violation(Violation.Type.CLOSED_WITHOUT_QUIT, "the client closed the connection without QUIT")
            .endedBy(SessionEnd.CLIENT_CLOSE)
            .build();

    static final String SECURE_COMMANDS = "[EHLO, STARTTLS, EHLO, AUTH, MAIL, RCPT, RCPT, DATA, QUIT]";
    static final String PIPELINED_COMMANDS = "[EHLO, AUTH, MAIL, RCPT, DATA]";
}
