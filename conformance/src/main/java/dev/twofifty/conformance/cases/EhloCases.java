package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Matchers.tlsInactive;
import static dev.twofifty.script.Rules.onEhlo;

import dev.twofifty.AuthMechanism;
import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Observation.Exchange;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.script.CapabilityChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Catalogue §2.2: EHLO / HELO. */
public final class EhloCases {

    /** The user and password the AUTH cases configure on both sides. */
    static final String USER = "ann";

    static final String PASSWORD = "secret";

    /** Every keyword the server advertises by default, to replace the whole list. */
    static final String[] ALL_KEYWORDS = {
        "PIPELINING", "SIZE", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "STARTTLS", "AUTH"
    };

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_LITERAL =
            Pattern.compile("\\[(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})]");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[IPv6:([0-9A-Fa-f:.]+)]");
    private static final Pattern GENERAL_LITERAL =
            Pattern.compile("\\[[A-Za-z0-9-]*[A-Za-z0-9]:[\\x21-\\x5a\\x5e-\\x7e]+]");

    private EhloCases() {}

    public static List<ConformanceCase> all() {
        return List.of(
                ehloFirst(),
                ehloArgSyntax(),
                ehloFallbackHelo(),
                ehloKeywordCase(),
                ehloUnknownKeywords(),
                ehloRefused(),
                ehloNoStaleCache());
    }

    static ConformanceCase ehloFirst() {
        return ConformanceCase.builder("EHLO-FIRST", "EHLO opens the session; no MAIL without a greeting")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.1", "RFC 5321 §2.2.1")
                .rationale("Without EHLO no extension may be used, and a transaction needs a 250 to EHLO or HELO.")
                .oracle(EhloCases::ehloFirstJudgement)
                .build();
    }

    private static Judgement ehloFirstJudgement(Observation observation) {
        List<String> ungreeted = new ArrayList<>();
        List<String> heloFirst = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            if (!exchanges.isEmpty() && exchanges.get(0).verb().equals("HELO")) {
                heloFirst.add(SessionFacts.command(exchanges.get(0)));
            } else if (!exchanges.isEmpty() && !exchanges.get(0).verb().equals("EHLO")) {
                heloFirst.add(SessionFacts.command(exchanges.get(0)));
            }
            for (int i = 0; i < exchanges.size(); i++) {
                if (exchanges.get(i).verb().equals("MAIL") && !SessionFacts.greetedBefore(exchanges, i)) {
                    ungreeted.add(SessionFacts.command(exchanges.get(i)));
                }
            }
        }
        Judgement must = Judgement.require(
                ungreeted.isEmpty(),
                Level.MUST,
                "every MAIL followed a 250 to EHLO or HELO",
                "the client sent MAIL without a 250 to EHLO or HELO",
                SessionFacts.evidenceLines(observation, ungreeted.isEmpty() ? observation.transcript() : ungreeted));
        Judgement should = Judgement.require(
                heloFirst.isEmpty(),
                Level.SHOULD,
                "the client opened every session with EHLO",
                "the client did not open with EHLO",
                SessionFacts.evidenceLines(observation, heloFirst));
        return must.and(should);
    }

    static ConformanceCase ehloArgSyntax() {
        return ConformanceCase.builder("EHLO-ARG-SYNTAX", "The EHLO argument is a domain or an address literal")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.1", "RFC 5321 §4.1.4", "RFC 5321 §4.1.3", "RFC 5321 §4.1.2")
                .rationale(
                        "The argument names the client: a fully qualified name, else an address literal in brackets.")
                .oracle(EhloCases::argumentJudgement)
                .build();
    }

    private static Judgement argumentJudgement(Observation observation) {
        Judgement judgement = null;
        for (Exchange exchange : observation.exchanges()) {
            if (!exchange.verb().equals("EHLO") && !exchange.verb().equals("HELO")) {
                continue;
            }
            String line = exchange.command().line();
            String argument = line.length() > 5 ? line.substring(5).trim() : "";
            String problem = argumentProblem(argument);
            List<String> evidence = SessionFacts.evidenceLines(observation, List.of(SessionFacts.command(exchange)));
            Judgement one;
            if (problem != null) {
                one = new Judgement(Level.MUST.whenBroken(), problem, evidence);
            } else if (argument.contains(" ")) {
                one = new Judgement(
                        Level.SHOULD.whenBroken(), "the argument is followed by other text: " + argument, evidence);
            } else if (!argument.startsWith("[") && !argument.contains(".")) {
                one = new Judgement(
                        Level.SHOULD.whenBroken(),
                        "the argument '" + argument + "' is a single label, not a fully qualified domain name",
                        evidence);
            } else {
                one = Judgement.pass("the argument '" + argument + "' is a domain or an address literal", evidence);
            }
            judgement = judgement == null ? one : judgement.and(one);
        }
        return judgement != null ? judgement : Judgement.notApplicable("the client sent no EHLO or HELO");
    }

    /** Why an EHLO/HELO argument breaks RFC 5321 §4.1.2/§4.1.3 syntax, or null; trailing text is ignored here. */
    static String argumentProblem(String argument) {
        String name = argument.split(" ", 2)[0];
        if (name.isEmpty()) {
            return "EHLO or HELO without an argument";
        }
        if (name.startsWith("[")) {
            if (IPV4_LITERAL.matcher(name).matches()) {
                var matcher = IPV4_LITERAL.matcher(name);
                matcher.matches();
                for (int group = 1; group <= 4; group++) {
                    if (Integer.parseInt(matcher.group(group)) > 255) {
                        return "the address literal " + name + " is not an IPv4 address";
                    }
                }
                return null;
            }
            var ipv6 = IPV6_LITERAL.matcher(name);
            if (ipv6.matches()) {
                return isIpv6(ipv6.group(1)) ? null : "the address literal " + name + " is not an IPv6 address";
            }
            if (name.contains(":") && !GENERAL_LITERAL.matcher(name).matches()) {
                return "the address literal " + name + " lacks the 'IPv6:' tag (RFC 5321 §4.1.3)";
            }
            return GENERAL_LITERAL.matcher(name).matches() ? null : "'" + name + "' is not an address literal";
        }
        if (DOTTED_QUAD.matcher(name).matches()) {
            return "the IPv4 address " + name + " is not in brackets (an address literal is [" + name + "])";
        }
        if (name.contains("_")) {
            return "'" + name + "' contains an underscore, which a domain name must not (RFC 5321 §4.1.2)";
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "'" + name + "' is not a domain name (label '" + label + "')";
            }
        }
        return null;
    }

    private static boolean isIpv6(String text) {
        if (!text.contains(":")) {
            return false;
        }
        try {
            // A literal with a colon is parsed, never looked up.
            return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static ConformanceCase ehloFallbackHelo() {
        return ConformanceCase.builder("EHLO-FALLBACK-HELO", "EHLO not recognised: HELO, then no extensions")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.2", "RFC 5321 §2.2.1", "RFC 5321 §4.3.2", "RFC 5321 §4.1.1.3")
                .rationale("An old server knows only HELO; after HELO nothing beyond RFC 821 may be used.")
                .rules(onEhlo().willReply(500, "Command unrecognized"))
                .oracle(EhloCases::fallbackJudgement)
                .build();
    }

    private static Judgement fallbackJudgement(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return Judgement.notApplicable("the client did not connect");
        }
        List<Exchange> exchanges = observation.exchanges(0);
        int refused = -1;
        for (int i = 0; i < exchanges.size(); i++) {
            if (exchanges.get(i).verb().equals("EHLO") && exchanges.get(i).replyCode() == 500) {
                refused = i;
                break;
            }
        }
        if (refused < 0) {
            return Judgement.notApplicable("the client never sent EHLO");
        }
        Exchange next = refused + 1 < exchanges.size() ? exchanges.get(refused + 1) : null;
        if (next == null || next.verb().equals("QUIT")) {
            return new Judgement(
                    Level.SHOULD.whenBroken(),
                    "the client gave up after the 500 to EHLO instead of falling back to HELO",
                    SessionFacts.evidence(
                            observation,
                            next == null ? List.of(exchanges.get(refused)) : List.of(exchanges.get(refused), next)));
        }
        if (!next.verb().equals("HELO")) {
            return new Judgement(
                    Level.MUST.whenBroken(),
                    "after the 500 to EHLO the client sent " + next.verb() + " instead of HELO",
                    SessionFacts.evidence(observation, List.of(exchanges.get(refused), next)));
        }
        List<String> offending = extensionUseAfterHelo(exchanges, refused + 1);
        List<String> evidence = new ArrayList<>(SessionFacts.lines(exchanges.get(refused)));
        evidence.addAll(SessionFacts.lines(next));
        evidence.addAll(offending);
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST,
                "the client fell back to HELO and used no extension afterwards",
                "after HELO the client used extensions that only EHLO can offer",
                SessionFacts.evidenceLines(observation, evidence));
    }

    /** Extension use (verbs, parameters, pipelining) after the HELO at this index, until the next EHLO. */
    static List<String> extensionUseAfterHelo(List<Exchange> exchanges, int helo) {
        List<String> offending = new ArrayList<>();
        for (int i = helo + 1; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            if (exchange.verb().equals("EHLO")) {
                break;
            }
            List<String> uses = SessionFacts.extensionUses(exchange);
            if (!uses.isEmpty()) {
                offending.add(SessionFacts.command(exchange) + "   <- " + String.join(", ", uses));
            } else if (!exchange.verb().isEmpty() && SessionFacts.sentBeforeReply(exchanges.get(i - 1), exchange)) {
                offending.add(SessionFacts.command(exchange) + "   <- pipelined without PIPELINING");
            }
        }
        return offending;
    }

    static ConformanceCase ehloKeywordCase() {
        CapabilityChange lowerCase = CapabilityChange.without(ALL_KEYWORDS)
                .andWith("size 20000000", "Auth plain login", "starttls", "8bitmime", "pipelining");
        CapabilityChange lowerCaseAfterTls = CapabilityChange.without(ALL_KEYWORDS)
                .andWith("size 20000000", "Auth plain login", "8bitmime", "pipelining");
        return ConformanceCase.builder("EHLO-KEYWORD-CASE", "EHLO keywords are recognised in any case")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.1", "RFC 5321 §2.4")
                .rationale("A case-sensitive match silently skips 'starttls' or 'Auth': a security downgrade.")
                .server(config -> config.enable(SmtpExtension.STARTTLS)
                        .credentials(USER, PASSWORD)
                        .authMechanisms(AuthMechanism.PLAIN, AuthMechanism.LOGIN))
                .rules(
                        onEhlo().matching(tlsInactive()).willAdvertise(lowerCase),
                        onEhlo().matching(tlsActive()).willAdvertise(lowerCaseAfterTls))
                .request(ConformanceCase.STANDARD_REQUEST
                        .withSecurity(MailRequest.Security.STARTTLS_IF_OFFERED)
                        .withCredentials(USER, PASSWORD))
                .requires(Feature.STARTTLS, Feature.AUTH)
                .oracle(EhloCases::keywordCaseJudgement)
                .build();
    }

    private static Judgement keywordCaseJudgement(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return Judgement.notApplicable("the client did not connect");
        }
        List<Exchange> exchanges = observation.exchanges(0);
        int tls = SessionFacts.tlsStart(exchanges);
        boolean startTls =
                exchanges.stream().anyMatch(exchange -> exchange.verb().equals("STARTTLS"));
        boolean auth = tls >= 0
                && exchanges.subList(tls, exchanges.size()).stream()
                        .anyMatch(exchange -> exchange.verb().equals("AUTH"));
        List<String> evidence = SessionFacts.evidenceLines(observation, observation.transcript(0));
        Judgement tlsUsed = Judgement.require(
                startTls,
                Level.MUST,
                "the client recognised 'starttls' and started TLS",
                "the client did not recognise 'starttls' (a lower-case keyword) and did not start TLS",
                evidence);
        Judgement authUsed = Judgement.require(
                auth || !startTls,
                Level.MUST,
                "the client recognised 'Auth plain login' and authenticated",
                "the client did not recognise 'Auth plain login' and did not authenticate",
                evidence);
        return tlsUsed.and(authUsed);
    }

    static ConformanceCase ehloUnknownKeywords() {
        CapabilityChange odd = CapabilityChange.with(
                "XFOO bar", "AUTH=LOGIN PLAIN", "DELIVERBY", "FUTURE-EXT a=b", "XLONG-LINE " + "v".repeat(889));
        return ConformanceCase.builder("EHLO-UNKNOWN-KEYWORDS", "Unknown and private EHLO keywords are ignored")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.1", "RFC 5321 §2.2.2", "RFC 5321 §4.1.5")
                .rationale(
                        "Servers list extensions a client does not know; it must neither choke on them nor use them.")
                .server(config -> config.credentials(USER, PASSWORD))
                .rules(onEhlo().willAdvertise(odd))
                .request(ConformanceCase.STANDARD_REQUEST.withCredentials(USER, PASSWORD))
                .oracle(EhloCases::unknownKeywordsJudgement)
                .build();
    }

    private static Judgement unknownKeywordsJudgement(Observation observation) {
        Set<String> unknown = Set.of("XFOO", "DELIVERBY", "FUTURE-EXT", "XLONG-LINE", "BY");
        List<String> used = new ArrayList<>();
        for (Exchange exchange : observation.exchanges()) {
            String verb = exchange.command().line().split(" ", 2)[0].toUpperCase(Locale.ROOT);
            boolean usesParameter = SessionFacts.extensionUses(exchange).stream()
                    .anyMatch(use -> unknown.contains(use.replace("parameter ", "")));
            if (unknown.contains(verb) || usesParameter) {
                used.add(SessionFacts.command(exchange));
            }
        }
        Judgement notUsed = Judgement.require(
                used.isEmpty(),
                Level.MUST,
                "the client used none of the unknown extensions",
                "the client used an extension it cannot know",
                SessionFacts.evidenceLines(observation, used));
        if (!observation.outcome().isDelivered() && stoppedAfterEhloWithoutTls(observation)) {
            // Credentials were asked for over a connection without TLS: a client that will not send a password in
            // clear (PLAIN and LOGIN are all the server offers) stops here whatever the keywords.
            return notUsed.and(Judgement.info(
                    "the client stopped right after the EHLO reply, before AUTH or MAIL: either the reply broke it or"
                            + " it would not send the password over a connection without TLS; its outcome tells which",
                    SessionFacts.evidenceLines(observation, observation.transcript())));
        }
        Judgement robust = Judgement.require(
                observation.outcome().isDelivered(),
                Level.ROBUST,
                "the client ignored the unknown keywords and delivered",
                "the client did not deliver after an EHLO reply with unknown keywords",
                SessionFacts.evidenceLines(observation, observation.transcript()));
        return notUsed.and(robust);
    }

    /** Whether every session ended after EHLO (at most QUIT followed) with no TLS started. */
    private static boolean stoppedAfterEhloWithoutTls(Observation observation) {
        return !observation.sessions().isEmpty()
                && observation.exchanges().stream()
                        .map(Exchange::verb)
                        .allMatch(verb -> verb.equals("EHLO") || verb.equals("HELO") || verb.equals("QUIT"));
    }

    static ConformanceCase ehloRefused() {
        return ConformanceCase.builder("EHLO-REFUSED", "EHLO refused with 421, 550, 554: stop or HELO, never MAIL")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.3.2", "RFC 5321 §4.2.1", "RFC 5321 §3.2", "RFC 5321 §4.1.1.1", "RFC 5321 §3.8")
                .rationale("421 closes the service; a 5yz to EHLO allows HELO at most, and mail needs a 250 first.")
                .rules(
                        // The 421 goes out as written but the connection stays open, so a HELO after it shows.
                        onEhlo().matching(sessionNumber(1)).willReplyRaw("421 4.3.2 Service shutting down\r\n"),
                        onEhlo().matching(sessionNumber(2)).willReply(550, "5.7.1", "not welcome"),
                        onEhlo().matching(sessionNumber(3)).willReply(554, "5.7.1", "No SMTP service for you"))
                .request(ConformanceCase.STANDARD_REQUEST.repeated(3).oneConnectionPerMessage())
                .requires(Feature.CONNECTION_PER_MESSAGE)
                .oracle(EhloCases::refusedJudgement)
                .build();
    }

    private static Judgement refusedJudgement(Observation observation) {
        Judgement judgement = Judgement.pass("no session to judge", List.of());
        boolean any = false;
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            int ehlo = -1;
            for (int i = 0; i < exchanges.size(); i++) {
                int code = exchanges.get(i).replyCode();
                if (exchanges.get(i).verb().equals("EHLO") && (code == 421 || code / 100 == 5)) {
                    ehlo = i;
                    break;
                }
            }
            if (ehlo < 0) {
                continue;
            }
            any = true;
            Exchange refusal = exchanges.get(ehlo);
            List<Exchange> after = exchanges.subList(ehlo + 1, exchanges.size());
            if (refusal.replyCode() == 421) {
                List<Exchange> others = after.stream()
                        .filter(exchange -> !exchange.verb().equals("QUIT"))
                        .toList();
                List<Exchange> shown = new ArrayList<>(List.of(refusal));
                shown.addAll(others);
                judgement = judgement.and(Judgement.require(
                        others.isEmpty(),
                        Level.MUST,
                        "after the 421 to EHLO the client stopped",
                        "after the 421 to EHLO the client went on with "
                                + (others.isEmpty() ? "nothing" : others.get(0).verb()),
                        SessionFacts.evidence(observation, shown)));
                judgement = judgement.and(outcomeOf(observation, session, Outcome.Kind.TRANSIENT, 421));
            } else {
                List<String> ungreeted = new ArrayList<>();
                for (int i = ehlo + 1; i < exchanges.size(); i++) {
                    if (exchanges.get(i).verb().equals("MAIL") && !SessionFacts.greetedBefore(exchanges, i)) {
                        ungreeted.add(SessionFacts.command(exchanges.get(i)));
                    }
                }
                List<String> evidence = new ArrayList<>(SessionFacts.lines(refusal));
                evidence.addAll(ungreeted);
                judgement = judgement.and(Judgement.require(
                        ungreeted.isEmpty(),
                        Level.MUST,
                        "after the " + refusal.replyCode() + " to EHLO the client sent MAIL only after a 250",
                        "after the " + refusal.replyCode() + " to EHLO the client sent MAIL without a 250 to EHLO or"
                                + " HELO",
                        SessionFacts.evidenceLines(observation, evidence)));
                boolean quit =
                        after.stream().anyMatch(exchange -> exchange.verb().equals("QUIT"));
                judgement = judgement.and(Judgement.require(
                        quit,
                        Level.MUST,
                        "the client sent QUIT",
                        "the client closed without QUIT after the " + refusal.replyCode() + " to EHLO",
                        SessionFacts.evidenceLines(observation, observation.transcript(session))));
            }
        }
        return any ? judgement : Judgement.notApplicable("no EHLO was refused: the client sent none");
    }

    private static Judgement outcomeOf(Observation observation, int index, Outcome.Kind expected, int code) {
        Outcome outcome =
                index < observation.outcomes().size() ? observation.outcomes().get(index) : observation.outcome();
        boolean met = outcome.kind() == expected && (outcome.code() == code || outcome.code() <= 0);
        return Judgement.require(
                met,
                Level.MUST,
                "the client reported " + outcome.label(),
                "the client reported " + outcome.label() + " for message " + (index + 1) + " but " + expected + " ("
                        + code + ") is required",
                List.of("outcome " + (index + 1) + ": " + outcome));
    }

    static ConformanceCase ehloNoStaleCache() {
        return ConformanceCase.builder("EHLO-NO-STALE-CACHE", "Capabilities are read again on every connection")
                .phase(Phase.EHLO)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.4.1", "RFC 5321 §4.1.1.3", "RFC 2920 §3")
                .rationale("A server may offer less on the next connection; cached capabilities make the client use"
                        + " what is no longer there.")
                .server(config -> config.credentials(USER, PASSWORD).authMechanisms(AuthMechanism.PLAIN))
                .rules(
                        onEhlo().matching(sessionNumber(1))
                                .willAdvertise(CapabilityChange.without("SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING")),
                        onEhlo().matching(sessionNumber(2)).willAdvertise(CapabilityChange.without(ALL_KEYWORDS)))
                .request(ConformanceCase.STANDARD_REQUEST
                        .withCredentials(USER, PASSWORD)
                        .withDsn("SUCCESS,FAILURE", "HDRS")
                        .repeated(2)
                        .oneConnectionPerMessage())
                .requires(Feature.CONNECTION_PER_MESSAGE)
                .oracle(EhloCases::staleCacheJudgement)
                .build();
    }

    private static Judgement staleCacheJudgement(Observation observation) {
        if (observation.sessions().size() < 2) {
            return Judgement.notApplicable(
                    "the client opened " + observation.sessions().size() + " connection(s), not a second one");
        }
        List<Exchange> exchanges = observation.exchanges(1);
        int ehlo = -1;
        for (int i = 0; i < exchanges.size(); i++) {
            if ((exchanges.get(i).verb().equals("EHLO")
                            || exchanges.get(i).verb().equals("HELO"))
                    && exchanges.get(i).replyCode() == 250) {
                ehlo = i;
                break;
            }
        }
        if (ehlo < 0) {
            return Judgement.notApplicable("the client was not greeted on the second connection");
        }
        List<String> offending = extensionUseAfterHelo(exchanges, ehlo);
        List<String> evidence = new ArrayList<>(SessionFacts.lines(exchanges.get(ehlo)));
        evidence.addAll(offending);
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST,
                "on the second connection the client used only what its EHLO reply offered (nothing)",
                "on the second connection the client used capabilities of the first",
                SessionFacts.evidenceLines(observation, evidence));
    }
}
