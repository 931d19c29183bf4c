package dev.twofifty.standalone;

import dev.twofifty.SmtpListener;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.script.NearMiss;
import java.io.PrintWriter;
import java.util.List;

/** The standalone server's log: one line per message and per session, and near misses when no rule matched. */
final class ConsoleLog implements SmtpListener {

    private final PrintWriter out;

    ConsoleLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void messageReceived(ReceivedMessage message) {
        out.println("message " + message.id() + " accepted in session " + message.sessionId() + ": from <"
                + message.envelope().sender() + "> to " + message.envelope().recipientAddresses() + ", "
                + message.size() + " octets, subject \"" + message.subject() + "\"");
        out.flush();
    }

    @Override
    public void sessionEnded(SessionRecord session) {
        out.println("session " + session.id() + " from " + session.remoteAddress() + " ended ("
                + session.endedBy().map(Enum::name).orElse("?") + "), "
                + session.messageIds().size()
                + (session.messageIds().size() == 1 ? " message" : " messages")
                + (session.violations().isEmpty()
                        ? ""
                        : ", " + session.violations().size()
                                + (session.violations().size() == 1 ? " client violation" : " client violations")));
        out.flush();
    }

    @Override
    public void stepUnmatched(String step, List<NearMiss> closestRules) {
        StringBuilder line = new StringBuilder("no rule matched ").append(step).append("; closest:");
        for (NearMiss miss : closestRules) {
            line.append("\n  rule ").append(miss.ruleId()).append(' ').append(miss.rule());
            miss.mismatches().forEach(mismatch -> line.append("\n    ").append(mismatch));
        }
        out.println(line);
        out.flush();
    }
}
