package dev.twofifty.junit.internal;

import dev.twofifty.FakeSmtpServer;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.ActiveRule;
import java.util.List;

/** The texts the extension adds to test failures: transcripts, violations, unfired rules. */
public final class Reports {

    private static final int MAX_SESSIONS = 20;

    private Reports() {}

    /** The transcripts of a server's sessions, the most recent {@value #MAX_SESSIONS} at most. */
    public static String transcripts(String name, FakeSmtpServer server) {
        List<SessionRecord> sessions = server.sessions();
        StringBuilder out = new StringBuilder();
        out.append("TwoFifty server \"")
                .append(name)
                .append("\" (")
                .append(server.host())
                .append(':');
        out.append(server.port()).append(") saw ");
        out.append(sessions.size()).append(sessions.size() == 1 ? " session" : " sessions");
        out.append(" and ").append(server.journal().messageCount()).append(" accepted messages");
        if (sessions.isEmpty()) {
            return out.append('.').toString();
        }
        out.append(":\n");
        int from = Math.max(0, sessions.size() - MAX_SESSIONS);
        if (from > 0) {
            out.append("(the first ").append(from).append(" sessions are left out)\n");
        }
        for (SessionRecord session : sessions.subList(from, sessions.size())) {
            out.append(session.transcriptText());
        }
        return out.toString().stripTrailing();
    }

    /** The violations of every session, or the empty string when there are none. */
    public static String violations(FakeSmtpServer server) {
        StringBuilder out = new StringBuilder();
        for (SessionRecord session : server.sessions()) {
            for (Violation violation : session.violations()) {
                out.append("  session ")
                        .append(session.id())
                        .append(": ")
                        .append(violation)
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** A report of rules that never fired. */
    public static String unfired(List<ActiveRule> rules) {
        StringBuilder out = new StringBuilder();
        for (ActiveRule rule : rules) {
            out.append(rule.describeUnfired()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
