package dev.twofifty.assertj;

import dev.twofifty.assertj.Exchanges.Exchange;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TransactionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides whether a client retried after a transient failure: some step got a 4xx reply, and a
 * transaction that started after it (in the same session or a later one) was accepted.
 */
final class Retries {

    private Retries() {}

    /**
     * The decision with its explanation.
     *
     * @param retried whether a transaction was accepted after a 4xx reply
     * @param reason why not, when not
     * @param sessions one summary per session: each step's reply code and the transactions' outcomes
     */
    record Verdict(boolean retried, String reason, List<String> sessions) {}

    /** A point in the journal: the session's index, then a position within the session. */
    private record Point(int session, int position) {
        boolean before(Point other) {
            return session < other.session || (session == other.session && position < other.position);
        }
    }

    static Verdict judge(List<SessionRecord> sessions) {
        Point firstFailure = null;
        List<Point> accepted = new ArrayList<>();
        Point firstRejectedTransaction = null;
        List<Point> acceptedTransactions = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            SessionRecord session = sessions.get(s);
            List<Exchange> exchanges = Exchanges.of(session.transcript());
            int transactionStart = -1;
            for (Exchange exchange : exchanges) {
                int code = exchange.code();
                if (code >= 400 && code < 500 && firstFailure == null) {
                    firstFailure = new Point(s, exchange.position());
                }
                if (exchange.verb().equals("MAIL") && code >= 200 && code < 300) {
                    transactionStart = exchange.position();
                }
                if ((exchange.isEndOfData() || exchange.isLastChunk()) && code >= 200 && code < 300) {
                    accepted.add(new Point(s, transactionStart >= 0 ? transactionStart : exchange.position()));
                }
            }
            for (TransactionRecord transaction : session.transactions()) {
                boolean transientFailure = transaction
                        .finalReply()
                        .filter(reply -> reply.isTransientFailure())
                        .isPresent();
                if (transientFailure && firstRejectedTransaction == null) {
                    firstRejectedTransaction = new Point(s, transaction.index());
                }
                if (transaction.outcome() == TransactionRecord.Outcome.ACCEPTED) {
                    acceptedTransactions.add(new Point(s, transaction.index()));
                }
            }
            summaries.add(summary(session, exchanges));
        }
        boolean retried =
                acceptedAfter(firstFailure, accepted) || acceptedAfter(firstRejectedTransaction, acceptedTransactions);
        String reason;
        if (retried) {
            reason = "";
        } else if (sessions.isEmpty()) {
            reason = "no session took place";
        } else if (firstFailure == null && firstRejectedTransaction == null) {
            reason = "the client never got a 4xx reply";
        } else {
            reason = "no transaction was accepted after the first 4xx reply";
        }
        return new Verdict(retried, reason, summaries);
    }

    private static boolean acceptedAfter(Point failure, List<Point> accepted) {
        return failure != null && accepted.stream().anyMatch(failure::before);
    }

    private static String summary(SessionRecord session, List<Exchange> exchanges) {
        String replies = exchanges.stream()
                .map(exchange -> exchange.label() + " " + (exchange.code() < 0 ? "(no reply)" : exchange.code()))
                .collect(Collectors.joining(", "));
        String transactions = session.transactions().isEmpty()
                ? "no transactions"
                : "transactions: "
                        + session.transactions().stream()
                                .map(transaction -> transaction.index() + " " + transaction.outcome())
                                .collect(Collectors.joining(", "));
        return "session " + session.id() + ": " + (replies.isEmpty() ? "no replies" : replies) + "; " + transactions;
    }
}
