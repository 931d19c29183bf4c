package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.recipientNumber;
import static dev.twofifty.script.Rules.onMail;
import static dev.twofifty.script.Rules.onMessage;
import static dev.twofifty.script.Rules.onRcpt;

import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Catalogue §2.13: extensions — SIZE, SMTPUTF8, DSN, enhanced status codes. */
public final class ExtensionCases {

    /** A message with UTF-8 in its headers and body (8-bit content, RFC 6532). */
    static final String UTF8_MESSAGE = "From: Jörg <jörg@example.test>\r\n"
            + "To: bücher <user@bücher.example>\r\n"
            + "Subject: Grüße\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße aus Köln.\r\n";

    static final String UTF8_SENDER = "jörg@example.test";
    static final String UTF8_RECIPIENT = "user@bücher.example";

    /** A 50 KB message, five times the advertised SIZE limit of SIZE-LIMIT. */
    static final MailRequest FIFTY_KB = TimeoutCases.request(50 * 1024);

    static final String ENVID = "id 1+2=3";
    static final String SUBMITTER = "ann+tag=1@client.test";

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9-]+)(?:=(\\S*))?");
    private static final Pattern XTEXT = Pattern.compile("(?:[!-*,-<>-~]|\\+[0-9A-F]{2})*");

    private ExtensionCases() {}

    public static List<ConformanceCase> all() {
        return List.of(
                paramsAdvertised(),
                sizeLimit(),
                sizeDeclared(),
                utf8NotOffered(),
                utf8Offered(),
                dsnParams(),
                escClass());
    }

    static ConformanceCase paramsAdvertised() {
        return ConformanceCase.builder("EXT-PARAMS-ADVERTISED", "No MAIL or RCPT parameter without its extension")
                .phase(Phase.EXTENSIONS)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.3", "RFC 5321 §2.2.2", "RFC 1870 §4", "RFC 6152 §3", "RFC 3461 §4", "RFC 4954 §5")
                .rationale("Asked for DSN options and a submitter by a server that offers no extension, the client"
                        + " must send plain MAIL FROM and RCPT TO: parameters need their keyword in the EHLO reply."
                        + " (8-bit content without 8BITMIME is DATA-8BIT-NO-8BITMIME's, SMTPUTF8 UTF8-NOT-OFFERED's.)")
                .server(builder -> builder.extensions(Set.of()))
                .request(ConformanceCase.STANDARD_REQUEST
                        .withDsn(new MailRequest.Dsn("SUCCESS,FAILURE", "HDRS", ENVID))
                        .withSubmitter(SUBMITTER))
                .oracle(ExtensionCases::noParameters)
                .build();
    }

    static ConformanceCase sizeLimit() {
        return ConformanceCase.builder("SIZE-LIMIT", "A message over the advertised SIZE is not transferred")
                .phase(Phase.EXTENSIONS)
                .level(Level.SHOULD)
                .rfc("RFC 1870 §4", "RFC 1870 §6.2", "RFC 1870 §7", "RFC 5321 §4.5.3.1.7")
                .rationale("SIZE 10000 says larger messages will be refused with 552: a client that compares first"
                        + " (or declares SIZE=) saves the transfer and reports the message undeliverable.")
                .limits(limits -> limits.withMaxMessageSize(10_000))
                .request(FIFTY_KB)
                .rules(onMessage().willReply(552, "5.3.4", "Message size exceeds fixed maximum message size"))
                .oracle(ExtensionCases::notTransferred)
                .build();
    }

    static ConformanceCase sizeDeclared() {
        return ConformanceCase.builder("SIZE-DECLARED", "A declared SIZE is well formed and not too low")
                .phase(Phase.EXTENSIONS)
                .level(Level.SHOULD)
                .rfc("RFC 1870 §5", "RFC 1870 §6", "RFC 1870 §6.3")
                .rationale("SIZE= counts the octets with CRLFs but without stuffing dots and terminator, 1 to 20"
                        + " digits, once; the estimate should not be lower than what is sent.")
                .limits(limits -> limits.withMaxMessageSize(100_000_000))
                .oracle(ExtensionCases::sizeDeclaredOracle)
                .build();
    }

    static ConformanceCase utf8NotOffered() {
        return ConformanceCase.builder("UTF8-NOT-OFFERED", "No internationalised address without SMTPUTF8")
                .phase(Phase.EXTENSIONS)
                .level(Level.MUST)
                .rfc("RFC 6531 §3.2", "RFC 5321 §2.4", "RFC 5321 §4.1.2")
                .rationale("Without SMTPUTF8 the envelope is ASCII: a client must refuse an address like jörg@ (only a"
                        + " domain may become A-labels), never send it raw or narrowed.")
                .server(builder -> builder.disable(SmtpExtension.SMTPUTF8))
                .request(MailRequest.of(UTF8_SENDER, List.of(UTF8_RECIPIENT), UTF8_MESSAGE))
                .oracle(ExtensionCases::refusedLocally)
                .build();
    }

    static ConformanceCase utf8Offered() {
        return ConformanceCase.builder("UTF8-OFFERED", "SMTPUTF8 on MAIL for an internationalised message")
                .phase(Phase.EXTENSIONS)
                .level(Level.MUST)
                .rfc("RFC 6531 §3.4", "RFC 6531 §3.5", "RFC 6152 §3")
                .rationale("A message whose envelope needs UTF-8 must be sent with the SMTPUTF8 parameter (and"
                        + " BODY=8BITMIME for its 8-bit headers); a 553 5.6.7 for one recipient (second message) is"
                        + " permanent.")
                .request(MailRequest.of(UTF8_SENDER, List.of("bob@mx.test", UTF8_RECIPIENT), UTF8_MESSAGE)
                        .repeated(2))
                .requires(Feature.SMTPUTF8, Feature.SEVERAL_MESSAGES_PER_CONNECTION)
                .rules(
                        onMessage()
                                .inScenario("utf8")
                                .whenScenarioStateIs(Rule.STARTED)
                                .willReply(250, "2.0.0", "OK: accepted")
                                .willSetStateTo("second message"),
                        onRcpt().matching(recipientNumber(2))
                                .inScenario("utf8")
                                .whenScenarioStateIs("second message")
                                .willReply(553, "5.6.7", "Non-ASCII addresses not permitted for that recipient"))
                .oracle(ExtensionCases::utf8OfferedOracle)
                .build();
    }

    static ConformanceCase dsnParams() {
        return ConformanceCase.builder("DSN-PARAMS", "DSN and AUTH= parameters: valid syntax on the right command")
                .phase(Phase.EXTENSIONS)
                .level(Level.MUST)
                .rfc("RFC 3461 §4", "RFC 3461 §4.1", "RFC 3461 §4.2", "RFC 3461 §4.3", "RFC 3461 §4.4", "RFC 4954 §5")
                .rationale("NOTIFY goes on RCPT, RET and ENVID on MAIL; ENVID, ORCPT and AUTH= are xtext (+, = and"
                        + " spaces as +HH), or the server misreads them.")
                .server(builder -> builder.credentials("ann", "secret"))
                .request(ConformanceCase.STANDARD_REQUEST
                        .withDsn(new MailRequest.Dsn("SUCCESS,FAILURE", "HDRS", ENVID))
                        .withSubmitter(SUBMITTER))
                .requires(Feature.DSN)
                .oracle(ExtensionCases::dsnOracle)
                .build();
    }

    static ConformanceCase escClass() {
        return ConformanceCase.builder("ESC-CLASS", "The basic reply code decides, enhanced codes only inform")
                .phase(Phase.EXTENSIONS)
                .level(Level.MUST)
                .rfc("RFC 2034", "RFC 3463 §2", "RFC 5321 §4.2")
                .rationale("Transient or permanent is decided by the basic code: a 451 with a mismatched 5.7.1 is"
                        + " temporary, and a malformed or missing enhanced code must not break the client.")
                .request(MailRequest.of(
                        "ann@client.test", List.copyOf(ESC_RECIPIENTS.keySet()), ConformanceCase.STANDARD_MESSAGE))
                .rules(
                        onMail().willReplyRaw("250-2.1.0 Sender ok\r\n250 this line carries no enhanced code\r\n"),
                        onRcpt().matching(recipientNumber(1))
                                .willReplyRaw("250 2.1 Recipient ok, but the enhanced code is malformed\r\n"),
                        onRcpt().matching(recipientNumber(2)).willReply(451, "4.7.1", "Greylisted, try again later"),
                        onRcpt().matching(recipientNumber(3))
                                .willReply(451, "Mismatched")
                                .willReplyRaw(
                                        "451 5.7.1 Try again later, although the enhanced code says permanent\r\n"),
                        onRcpt().matching(recipientNumber(4)).willReply(550, "5.1.1", "No such user"),
                        onRcpt().matching(recipientNumber(5))
                                .willReply(550, "Malformed")
                                .willReplyRaw("550 5.1 No such user, and the enhanced code is malformed\r\n"))
                .oracle(ExtensionCases::classifiedByBasicCode)
                .build();
    }

    /** The recipients of ESC-CLASS and the class of the reply each gets (2: accepted). */
    static final Map<String, Integer> ESC_RECIPIENTS = escRecipients();

    private static Map<String, Integer> escRecipients() {
        Map<String, Integer> recipients = new LinkedHashMap<>();
        recipients.put("malformed-ok@mx.test", 2);
        recipients.put("greylisted@mx.test", 4);
        recipients.put("mismatched@mx.test", 4);
        recipients.put("unknown@mx.test", 5);
        recipients.put("malformed-unknown@mx.test", 5);
        return recipients;
    }

    private static Judgement classifiedByBasicCode(Observation observation) {
        Outcome outcome = observation.outcome();
        List<String> evidence = observation.fullEvidence();
        if (outcome.isDelivered() || outcome.kind() == Outcome.Kind.HANG || outcome.kind() == Outcome.Kind.UNKNOWN) {
            return new Judgement(
                    Verdict.FAIL,
                    "the client reported " + outcome.label() + " although four of five recipients were refused",
                    evidence);
        }
        if (outcome.rejected().isEmpty()) {
            return Judgement.require(
                    outcome.kind() == Outcome.Kind.TRANSIENT || outcome.kind() == Outcome.Kind.PARTIAL,
                    Level.MUST,
                    "the client reported " + outcome.label() + " (no per-recipient detail)",
                    "the client reported " + outcome.label() + " although two refusals were temporary (451)",
                    evidence);
        }
        List<String> wrong = new ArrayList<>();
        ESC_RECIPIENTS.forEach((address, replyClass) -> {
            Integer code = outcome.rejected().get(address);
            int reported = code == null ? 2 : code / 100;
            if (reported != replyClass) {
                wrong.add(address + " got " + replyClass + "xx but was reported as "
                        + (code == null ? "accepted" : code));
            }
        });
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "every recipient was classified by its basic reply code: " + outcome.rejected(),
                "recipients were not classified by their basic reply code: " + wrong,
                evidence);
    }

    /** The MAIL and RCPT lines of every session. */
    private static List<Observation.Exchange> envelope(Observation observation) {
        return observation.exchanges().stream()
                .filter(exchange ->
                        exchange.verb().equals("MAIL") || exchange.verb().equals("RCPT"))
                .toList();
    }

    /** The parameters after the path of a MAIL or RCPT line, keyword (upper case) → value ("" for none). */
    static Map<String, String> parameters(String line) {
        int close = line.indexOf('>');
        Map<String, String> parameters = new LinkedHashMap<>();
        if (close < 0) {
            return parameters;
        }
        for (String word : line.substring(close + 1).trim().split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            Matcher matcher = PARAMETER.matcher(word);
            String keyword = matcher.matches() ? matcher.group(1) : word;
            String value = matcher.matches() && matcher.group(2) != null ? matcher.group(2) : "";
            parameters.merge(keyword.toUpperCase(java.util.Locale.ROOT), value, (a, b) -> a + " " + b);
        }
        return parameters;
    }

    private static Judgement noParameters(Observation observation) {
        List<String> offending = envelope(observation).stream()
                .filter(exchange -> !parameters(exchange.command().line()).isEmpty())
                .map(exchange -> exchange.command().line())
                .toList();
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST,
                "the client sent plain MAIL FROM and RCPT TO",
                "the client sent parameters no extension was offered for: " + offending,
                observation.fullEvidence());
    }

    private static Judgement notTransferred(Observation observation) {
        long sent = 0;
        for (int session = 0; session < observation.sessions().size(); session++) {
            for (Observation.Exchange exchange : Wire.paired(observation, session)) {
                sent = Math.max(sent, Wire.contentOctets(exchange));
            }
        }
        Outcome outcome = observation.outcome();
        List<String> evidence = observation.fullEvidence();
        if (outcome.isDelivered()) {
            return new Judgement(
                    Verdict.FAIL, "the client reported DELIVERED although the message was refused with 552", evidence);
        }
        Judgement transfer = Judgement.require(
                sent <= 10_000,
                Level.SHOULD,
                "the client did not transfer the 50 KB message",
                "the client transferred " + sent + " octets although the server advertised SIZE 10000",
                evidence);
        return transfer.and(Judgement.require(
                outcome.kind() == Outcome.Kind.LOCAL_REJECT || outcome.kind() == Outcome.Kind.PERMANENT,
                Level.SHOULD,
                "and reported " + outcome.label(),
                "the client reported " + outcome.label() + ", but a message over the fixed limit is undeliverable",
                evidence));
    }

    private static Judgement sizeDeclaredOracle(Observation observation) {
        List<Observation.Exchange> declaring = envelope(observation).stream()
                .filter(exchange -> exchange.verb().equals("MAIL"))
                .filter(exchange -> parameters(exchange.command().line()).containsKey("SIZE"))
                .toList();
        if (declaring.isEmpty()) {
            return Judgement.notApplicable("the client did not declare SIZE=");
        }
        List<String> evidence = new ArrayList<>();
        declaring.forEach(exchange -> evidence.addAll(Wire.evidence(exchange)));
        String line = declaring.get(0).command().line();
        String value = parameters(line).get("SIZE");
        long sizes = line.toUpperCase(java.util.Locale.ROOT).split(" SIZE=", -1).length - 1;
        if (sizes != 1 || !value.matches("[0-9]{1,20}")) {
            return new Judgement(
                    Verdict.FAIL, "the SIZE parameter is not one value of 1 to 20 digits: " + line, evidence);
        }
        if (observation.messages().isEmpty()) {
            return Judgement.pass("SIZE=" + value + " is well formed (no message arrived to compare)", evidence);
        }
        long actual = observation.messages().get(0).raw().length;
        evidence.add("octets received (without stuffing dots and terminator): " + actual);
        return Judgement.require(
                new java.math.BigInteger(value).compareTo(java.math.BigInteger.valueOf(actual)) >= 0,
                Level.SHOULD,
                "SIZE=" + value + " is well formed and not below the " + actual + " octets sent",
                "SIZE=" + value + " is lower than the " + actual + " octets sent",
                evidence);
    }

    private static Judgement refusedLocally(Observation observation) {
        List<Observation.Exchange> mails = envelope(observation);
        List<String> evidence = new ArrayList<>(Wire.violations(observation, Set.of(Violation.Type.NON_ASCII_COMMAND)));
        evidence.addAll(observation.fullEvidence());
        Outcome outcome = observation.outcome();
        if (!mails.isEmpty()) {
            String line = mails.get(0).command().line();
            boolean raw = !StandardCharsets.US_ASCII.newEncoder().canEncode(line);
            return new Judgement(
                    Verdict.FAIL,
                    raw
                            ? "the client sent the internationalised address without SMTPUTF8: " + line
                            : "the client altered the address to fit ASCII: " + line,
                    evidence);
        }
        return Judgement.require(
                outcome.kind() != Outcome.Kind.DELIVERED,
                Level.MUST,
                "the client refused the message without sending the address (" + outcome.label() + ")",
                "the client reported DELIVERED without sending the message",
                evidence);
    }

    private static Judgement utf8OfferedOracle(Observation observation) {
        List<String> evidence = observation.fullEvidence();
        List<Observation.Exchange> mails = envelope(observation).stream()
                .filter(exchange -> exchange.verb().equals("MAIL"))
                .toList();
        if (mails.isEmpty()) {
            return new Judgement(
                    Verdict.FAIL,
                    "the client did not send the message although SMTPUTF8 was offered ("
                            + observation.outcome().label() + ")",
                    evidence);
        }
        List<String> withoutUtf8 = mails.stream()
                .map(exchange -> exchange.command().line())
                .filter(line -> !parameters(line).containsKey("SMTPUTF8"))
                .toList();
        Judgement smtputf8 = Judgement.require(
                withoutUtf8.isEmpty(),
                Level.MUST,
                "MAIL carried SMTPUTF8",
                "MAIL lacked the SMTPUTF8 parameter: " + withoutUtf8,
                evidence);
        boolean contentSent = observation.sessions().stream()
                .anyMatch(session -> session.transcript().stream()
                        .anyMatch(entry -> entry.kind() == dev.twofifty.journal.TranscriptEntry.Kind.CONTENT));
        String firstMail = mails.get(0).command().line();
        Judgement body = Judgement.require(
                !contentSent
                        || "8BITMIME".equalsIgnoreCase(parameters(firstMail).get("BODY")),
                Level.SHOULD,
                contentSent ? "and BODY=8BITMIME" : "(no content was sent)",
                "the 8-bit message was sent without BODY=8BITMIME: " + firstMail,
                evidence);
        Outcome second = observation.outcomes().size() > 1
                ? observation.outcomes().get(1)
                : Outcome.unknown("no outcome for the second message");
        Integer code = second.rejected().get(UTF8_RECIPIENT);
        Judgement refused = Judgement.require(
                !second.isDelivered()
                        && (code == null || code / 100 == 5)
                        && second.kind() != Outcome.Kind.TRANSIENT
                        && second.kind() != Outcome.Kind.UNKNOWN,
                Level.MUST,
                "the 553 for " + UTF8_RECIPIENT + " was reported as permanent (" + second.label() + ")",
                "the 553 5.6.7 for " + UTF8_RECIPIENT + " was reported as " + second.label(),
                evidence);
        Judgement first = Judgement.require(
                observation.outcome().isDelivered(),
                Level.MUST,
                "the first message was delivered",
                "the first message, with every recipient accepted, was reported as "
                        + observation.outcome().label(),
                evidence);
        return smtputf8.and(body).and(first).and(refused);
    }

    private static Judgement dsnOracle(Observation observation) {
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Observation.Exchange exchange : envelope(observation)) {
            boolean mail = exchange.verb().equals("MAIL");
            for (Map.Entry<String, String> parameter :
                    parameters(exchange.command().line()).entrySet()) {
                String keyword = parameter.getKey();
                String value = parameter.getValue();
                String problem = dsnProblem(mail, keyword, value);
                if (Set.of("NOTIFY", "RET", "ENVID", "ORCPT", "AUTH").contains(keyword)) {
                    seen.add(keyword + "=" + value);
                } else if (problem == null && !keyword.equals("SIZE") && !keyword.equals("BODY")) {
                    problem = "unknown parameter " + keyword + (value.isEmpty() ? "" : "=" + value);
                }
                if (problem != null) {
                    problems.add(problem + " in: " + exchange.command().line());
                }
            }
        }
        if (seen.isEmpty() && problems.isEmpty()) {
            return Judgement.notApplicable("the client sent no DSN or AUTH= parameters");
        }
        List<String> evidence = new ArrayList<>(problems);
        evidence.addAll(observation.fullEvidence());
        return Judgement.require(
                problems.isEmpty(),
                Level.MUST,
                "the parameters are valid and on the right command: "
                        + String.join(" ", seen.stream().distinct().toList()),
                "invalid DSN or AUTH= parameters: " + String.join("; ", problems),
                evidence);
    }

    /** What is wrong with one parameter, or {@code null}. */
    private static String dsnProblem(boolean mail, String keyword, String value) {
        switch (keyword) {
            case "NOTIFY" -> {
                if (mail) {
                    return "NOTIFY belongs on RCPT";
                }
                List<String> values =
                        List.of(value.toUpperCase(java.util.Locale.ROOT).split(",", -1));
                boolean never = values.equals(List.of("NEVER"));
                boolean list = values.stream().allMatch(Set.of("SUCCESS", "FAILURE", "DELAY")::contains)
                        && values.stream().distinct().count() == values.size();
                return never || list
                        ? null
                        : "NOTIFY=" + value + " is neither NEVER nor a list of SUCCESS, FAILURE, DELAY";
            }
            case "RET" -> {
                return !mail
                        ? "RET belongs on MAIL"
                        : value.matches("(?i)FULL|HDRS") ? null : "RET=" + value + " is not FULL or HDRS";
            }
            case "ENVID" -> {
                if (!mail) {
                    return "ENVID belongs on MAIL";
                }
                return !XTEXT.matcher(value).matches() || value.isEmpty() || value.length() > 100
                        ? "ENVID=" + value + " is not xtext of 1 to 100 characters"
                        : xtextDecodes(value, ENVID, "ENVID");
            }
            case "AUTH" -> {
                if (!mail) {
                    return "AUTH= belongs on MAIL";
                }
                return value.equals("<>")
                        ? null
                        : !XTEXT.matcher(value).matches()
                                ? "AUTH=" + value + " is not xtext"
                                : xtextDecodes(value, SUBMITTER, "AUTH");
            }
            case "ORCPT" -> {
                if (mail) {
                    return "ORCPT belongs on RCPT";
                }
                int semicolon = value.indexOf(';');
                return semicolon > 0
                                && value.substring(0, semicolon).matches("[A-Za-z0-9-]+")
                                && XTEXT.matcher(value.substring(semicolon + 1)).matches()
                        ? null
                        : "ORCPT=" + value + " is not addr-type;xtext";
            }
            default -> {
                return null;
            }
        }
    }

    private static String xtextDecodes(String value, String expected, String keyword) {
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                decoded.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString().equals(expected)
                ? null
                : keyword + "=" + value + " decodes to \"" + decoded + "\", not \"" + expected + "\"";
    }
}
