package dev.twofifty.conformance;

import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogue's ten cross-cutting invariants (§1), checked on every case's transcript whatever the
 * case is about. Each broken invariant becomes a {@link Finding} with the lines that broke it.
 */
public final class Invariants {

    /** The invariants: id → what it requires (for reports). */
    public static final Map<String, String> ALL = Map.of(
            "INV-01", "No client byte before the 220 greeting (RFC 5321 §4.3.1, SHOULD)",
            "INV-02",
                    "Commands end in CRLF, no other CR or LF, at most 512 octets plus extension allowances"
                            + " (RFC 5321 §2.3.8, §4.5.3.1.4)",
            "INV-03",
                    "Command grammar: MAIL FROM:<…> and RCPT TO:<…> without spaces, no parameters on DATA,"
                            + " RSET, QUIT (RFC 5321 §4.1.1, §4.1.2)",
            "INV-04",
                    "Sequencing: MAIL after a 250 to EHLO/HELO and outside a transaction, RCPT after an"
                            + " accepted MAIL, content only after 354 (RFC 5321 §4.1.4, §3.3)",
            "INV-05",
                    "Lock-step unless PIPELINING is in the current EHLO reply, and synchronizing commands end a"
                            + " pipelined group (RFC 5321 §4.3.1, RFC 2920 §3)",
            "INV-06",
                    "No extension verb or parameter the current EHLO reply did not advertise (RFC 5321 §2.2,"
                            + " RFC 3207 §4.2)",
            "INV-07",
                    "ASCII-only envelope unless SMTPUTF8 was used; no 8-bit content without BODY=8BITMIME"
                            + " (RFC 5321 §2.4, RFC 6531 §3.2, RFC 6152 §3)",
            "INV-08",
                    "Message content: CRLF line ends, lines of at most 1000 octets (RFC 5321 §2.3.8," + " §4.5.3.1.6)",
            "INV-09", "No command but QUIT after a 421 (RFC 5321 §3.8)",
            "INV-10", "The client closes only after QUIT (RFC 5321 §4.1.1.10)");

    private static final Pattern MAIL_SYNTAX = Pattern.compile("(?i)MAIL FROM:<[^<>]*>( .*)?");
    private static final Pattern RCPT_SYNTAX = Pattern.compile("(?i)RCPT TO:<[^<>]*>( .*)?");
    private static final Set<String> VERBS = Set.of(
            "HELO",
            "EHLO",
            "MAIL",
            "RCPT",
            "DATA",
            "BDAT",
            "RSET",
            "NOOP",
            "QUIT",
            "VRFY",
            "EXPN",
            "HELP",
            "STARTTLS",
            "AUTH");

    private Invariants() {}

    /** Checks every invariant on an observation; returns the broken ones. */
    public static List<Finding> check(Observation observation) {
        List<Finding> findings = new ArrayList<>();
        for (int index = 0; index < observation.sessions().size(); index++) {
            checkSession(observation, index, findings);
        }
        return merge(findings);
    }

    private static void checkSession(Observation observation, int index, List<Finding> findings) {
        SessionRecord session = observation.sessions().get(index);
        List<String> transcript = observation.transcript(index);
        for (Violation violation : session.violations()) {
            String invariant = switch (violation.type()) {
                case EARLY_TALKER -> "INV-01";
                case BARE_LF_IN_COMMAND, BARE_CR_IN_COMMAND, NUL_IN_COMMAND -> "INV-02";
                case PIPELINING_NOT_ADVERTISED, PIPELINED_AFTER_SYNCHRONIZING_COMMAND -> "INV-05";
                case NON_ASCII_COMMAND, EIGHT_BIT_CONTENT_WITHOUT_8BITMIME -> "INV-07";
                case BARE_LF_IN_DATA, BARE_CR_IN_DATA, TEXT_LINE_TOO_LONG -> "INV-08";
                case CLOSED_WITHOUT_QUIT -> "INV-10";
                default -> null;
            };
            if (invariant == null || invariant.equals("INV-10") && got421(observation, index)) {
                // After a 421 the client may close without QUIT (INV-09: QUIT is optional then).
                continue;
            }
            if (invariant.equals("INV-05") && violation.detail().startsWith("message content sent before")) {
                invariant = "INV-04";
            }
            Verdict verdict = invariant.equals("INV-01") ? Verdict.WARN : Verdict.FAIL;
            findings.add(new Finding(invariant, verdict, violation.detail(), near(transcript, violation)));
        }
        checkLineLengths(observation, index, findings);
        checkGrammarAndState(observation, index, findings);
    }

    private static boolean got421(Observation observation, int index) {
        return observation.exchanges(index).stream()
                .anyMatch(exchange -> exchange.replyCode() == 421 || exchange.finalCode() == 421);
    }

    /** INV-02 line lengths, with the allowances of SIZE (+26), AUTH= (+500) and SMTPUTF8 (+10). */
    private static void checkLineLengths(Observation observation, int index, List<Finding> findings) {
        for (Observation.Exchange exchange : observation.exchanges(index)) {
            String line = exchange.command().line();
            String verb = exchange.verb();
            if (verb.isEmpty() || verb.equals("AUTH") || line.endsWith("[...]")) {
                continue;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            int allowed = 512
                    + (upper.contains(" SIZE=") ? 26 : 0)
                    + (upper.contains(" AUTH=") ? 500 : 0)
                    + (upper.contains(" SMTPUTF8") ? 10 : 0);
            int octets = line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2;
            if (octets > allowed) {
                findings.add(new Finding(
                        "INV-02",
                        Verdict.FAIL,
                        "a " + octets + "-octet command line; at most " + allowed + " are allowed",
                        List.of(evidence(index, exchange.command()))));
            }
        }
    }

    /** INV-03 grammar, INV-04 sequencing, INV-06 advertised extensions, INV-09 nothing after 421. */
    private static void checkGrammarAndState(Observation observation, int index, List<Finding> findings) {
        boolean greeted = false;
        boolean inTransaction = false;
        boolean closedBy421 = false;
        Set<String> advertised = new HashSet<>();
        List<Observation.Exchange> exchanges = observation.exchanges(index);
        for (int i = 0; i < exchanges.size(); i++) {
            Observation.Exchange exchange = exchanges.get(i);
            String line = exchange.command().line();
            String verb = exchange.verb();
            String upper = line.toUpperCase(Locale.ROOT);
            List<String> evidence = List.of(evidence(index, exchange.command()));
            boolean pipelined = i > 0 && sentBeforeReply(exchanges.get(i - 1), exchange);
            if (closedBy421 && !verb.equals("QUIT")) {
                findings.add(new Finding("INV-09", Verdict.FAIL, "a command after a 421", evidence));
            }
            if (verb.equals("MAIL") && !MAIL_SYNTAX.matcher(line).matches()) {
                findings.add(new Finding("INV-03", Verdict.FAIL, "MAIL is not 'MAIL FROM:<path>'", evidence));
            }
            if (verb.equals("RCPT") && !RCPT_SYNTAX.matcher(line).matches()) {
                findings.add(new Finding("INV-03", Verdict.FAIL, "RCPT is not 'RCPT TO:<path>'", evidence));
            }
            if ((verb.equals("DATA") || verb.equals("RSET") || verb.equals("QUIT"))
                    && line.trim().length() > 4) {
                findings.add(new Finding("INV-03", Verdict.FAIL, verb + " takes no parameters", evidence));
            }
            if (!verb.isEmpty()
                    && !VERBS.contains(verb)
                    && i > 0
                    && exchanges.get(i - 1).verb().equals("DATA")
                    && exchanges.get(i - 1).replyCode() != 354) {
                findings.add(new Finding(
                        "INV-04", Verdict.FAIL, "message content sent after a DATA that did not get 354", evidence));
            }
            if (verb.equals("MAIL") && !greeted) {
                findings.add(new Finding("INV-04", Verdict.FAIL, "MAIL without a 250 to EHLO or HELO", evidence));
            }
            if (verb.equals("MAIL") && inTransaction && !pipelined) {
                findings.add(new Finding("INV-04", Verdict.FAIL, "MAIL inside an open transaction", evidence));
            }
            if (verb.equals("RCPT") && !inTransaction && !pipelined) {
                findings.add(new Finding("INV-04", Verdict.FAIL, "RCPT without an accepted MAIL", evidence));
            }
            String unadvertised = unadvertised(verb, upper, advertised, greeted);
            if (unadvertised != null) {
                findings.add(new Finding(
                        "INV-06",
                        Verdict.FAIL,
                        unadvertised + " was not advertised in the current EHLO reply",
                        evidence));
            }
            int code = exchange.replyCode();
            switch (verb) {
                case "EHLO" -> {
                    if (code / 100 == 2) {
                        greeted = true;
                        inTransaction = false;
                        advertised = keywords(exchange);
                    }
                }
                case "HELO" -> {
                    if (code / 100 == 2) {
                        greeted = true;
                        inTransaction = false;
                        advertised = new HashSet<>();
                    }
                }
                case "STARTTLS" -> {
                    if (code == 220) {
                        greeted = false;
                        inTransaction = false;
                        advertised = new HashSet<>();
                    }
                }
                case "MAIL" -> inTransaction = inTransaction || code / 100 == 2;
                case "RSET" -> inTransaction = inTransaction && code / 100 != 2;
                case "DATA" -> inTransaction = inTransaction && !exchange.dataCompleted();
                case "BDAT" -> inTransaction = inTransaction && !upper.trim().endsWith("LAST");
                default -> {}
            }
            if (code == 421 || exchange.finalCode() == 421) {
                closedBy421 = true;
            }
        }
    }

    private static boolean sentBeforeReply(Observation.Exchange previous, Observation.Exchange next) {
        if (previous.reply().isEmpty()) {
            return true;
        }
        TranscriptEntry firstReply = previous.reply().get(0);
        return next.command().batch() == previous.command().batch()
                || next.command().at().compareTo(firstReply.at()) < 0;
    }

    private static Set<String> keywords(Observation.Exchange ehlo) {
        Set<String> keywords = new HashSet<>();
        List<TranscriptEntry> lines = ehlo.reply();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).line();
            String text = line.length() > 4 ? line.substring(4).trim() : "";
            int space = text.indexOf(' ');
            keywords.add((space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT));
        }
        return keywords;
    }

    /** The extension a command uses without it being advertised, or {@code null}. */
    private static String unadvertised(String verb, String upper, Set<String> advertised, boolean greeted) {
        if (!greeted) {
            return null;
        }
        switch (verb) {
            case "STARTTLS", "AUTH" -> {
                return advertised.contains(verb) ? null : verb;
            }
            case "BDAT" -> {
                return advertised.contains("CHUNKING") ? null : "BDAT (CHUNKING)";
            }
            case "MAIL", "RCPT" -> {
                int close = upper.indexOf('>');
                String parameters = close < 0 ? "" : upper.substring(close + 1).trim();
                for (String parameter : parameters.isEmpty() ? new String[0] : parameters.split(" +")) {
                    String keyword =
                            parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                    String needs = switch (keyword) {
                        case "SIZE" -> "SIZE";
                        case "BODY" -> parameter.endsWith("BINARYMIME") ? "BINARYMIME" : "8BITMIME";
                        case "SMTPUTF8" -> "SMTPUTF8";
                        case "RET", "ENVID", "NOTIFY", "ORCPT" -> "DSN";
                        case "AUTH" -> "AUTH";
                        default -> keyword;
                    };
                    if (!advertised.contains(needs)) {
                        return "the parameter " + keyword + " (" + needs + ")";
                    }
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private static List<String> near(List<String> transcript, Violation violation) {
        long at = violation.at().toMillis();
        List<String> close = new ArrayList<>();
        for (String line : transcript) {
            int ms = line.indexOf(" ms ");
            long time = ms < 0 ? -1 : Long.parseLong(line.substring(3, ms).trim());
            if (Math.abs(time - at) <= 5 && line.contains(" C: ")) {
                close.add(line);
            }
        }
        if (close.isEmpty()) {
            close.add(violation.toString());
        }
        return close;
    }

    private static String evidence(int session, TranscriptEntry entry) {
        return "S" + (session + 1) + " " + String.format("%5d ms ", entry.at().toMillis()) + "C: " + entry.line();
    }

    /** One finding per invariant and verdict, with the evidence of all occurrences (at most 10 lines). */
    private static List<Finding> merge(List<Finding> findings) {
        List<Finding> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Finding finding : findings) {
            if (!seen.add(finding.invariant() + finding.verdict())) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (Finding same : findings) {
                if (same.invariant().equals(finding.invariant()) && same.verdict() == finding.verdict()) {
                    if (!reasons.contains(same.reason())) {
                        reasons.add(same.reason());
                    }
                    same.evidence().stream()
                            .filter(line -> !evidence.contains(line) && evidence.size() < 10)
                            .forEach(evidence::add);
                }
            }
            merged.add(new Finding(finding.invariant(), finding.verdict(), String.join("; ", reasons), evidence));
        }
        merged.sort(java.util.Comparator.comparing(Finding::invariant));
        return merged;
    }

    /** The invariants a verdict can come from, for reports that list each invariant. */
    static Set<Verdict> failing() {
        return EnumSet.of(Verdict.FAIL, Verdict.WARN);
    }
}
