package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.EhloCases.PASSWORD;
import static dev.twofifty.conformance.cases.EhloCases.USER;
import static dev.twofifty.script.Matchers.argument;
import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Matchers.tlsInactive;
import static dev.twofifty.script.Rules.onAuth;
import static dev.twofifty.script.Rules.onEhlo;

import dev.twofifty.AuthMechanism;
import dev.twofifty.SmtpExtension;
import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.MailRequest.Security;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Observation.Exchange;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.CapabilityChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Catalogue §2.4: AUTH. */
public final class AuthCases {

    private static final MailRequest WITH_AUTH = ConformanceCase.STANDARD_REQUEST.withCredentials(USER, PASSWORD);
    private static final Pattern EMPTY_CHALLENGE = Pattern.compile("334 ?");
    private static final Pattern INVALID_CHALLENGE = Pattern.compile("334 (VXNlc!!!|=AAA)");

    private AuthCases() {}

    public static List<ConformanceCase> all() {
        return List.of(
                authNotBeforeTls(),
                authMechChoice(),
                authIrRules(),
                auth334Empty(),
                authChallengeInvalid(),
                auth535(),
                auth454Temp(),
                authMechRejected(),
                authOrder(),
                authRequired530());
    }

    private static ConformanceCase.Builder auth(String id, String title, AuthMechanism... mechanisms) {
        return ConformanceCase.builder(id, title)
                .phase(Phase.AUTH)
                .server(config -> config.credentials(USER, PASSWORD).authMechanisms(mechanisms))
                .request(WITH_AUTH)
                .requires(Feature.AUTH);
    }

    static ConformanceCase authNotBeforeTls() {
        return auth(
                        "AUTH-NOT-BEFORE-TLS",
                        "A client set up for STARTTLS authenticates only after TLS",
                        AuthMechanism.PLAIN,
                        AuthMechanism.LOGIN)
                .level(Level.MUST)
                .rfc("RFC 3207 §4.2", "RFC 3207 §6", "RFC 4954 §4", "RFC 4954 §14", "RFC 8314 §5.2")
                .rationale("The AUTH offered in clear is untrusted, and a password sent before TLS is exposed.")
                .server(config -> config.enable(SmtpExtension.STARTTLS))
                .request(WITH_AUTH.withSecurity(Security.STARTTLS_IF_OFFERED))
                .requires(Feature.STARTTLS)
                .oracle(AuthCases::notBeforeTlsJudgement)
                .build();
    }

    private static Judgement notBeforeTlsJudgement(Observation observation) {
        List<String> early = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            int tls = SessionFacts.tlsStart(exchanges);
            for (Exchange exchange : tls < 0 ? exchanges : exchanges.subList(0, tls)) {
                if (exchange.verb().equals("AUTH")) {
                    early.add(SessionFacts.command(exchange));
                }
            }
        }
        return Judgement.require(
                early.isEmpty(),
                Level.MUST,
                "the client sent AUTH only after TLS",
                "the client sent AUTH before STARTTLS",
                SessionFacts.evidenceLines(observation, early.isEmpty() ? observation.transcript() : early));
    }

    static ConformanceCase authMechChoice() {
        return auth(
                        "AUTH-MECH-CHOICE",
                        "Only an advertised mechanism is used",
                        AuthMechanism.PLAIN,
                        AuthMechanism.CRAM_MD5)
                .level(Level.MUST)
                .rfc("RFC 4954 §3", "RFC 4954 §4", "RFC 5321 §2.2")
                .rationale(
                        "The AUTH keyword lists what the server takes; anything else is a guess that exposes secrets.")
                .rules(onEhlo().willAdvertise(CapabilityChange.with("AUTH X-UNKNOWN CRAM-MD5 PLAIN")))
                .oracle(AuthCases::mechanismChoiceJudgement)
                .build();
    }

    private static Judgement mechanismChoiceJudgement(Observation observation) {
        List<String> all = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            all.addAll(SessionFacts.unadvertisedFrom(observation.exchanges(session), 0));
        }
        List<String> wrong =
                all.stream().filter(line -> line.contains("C: AUTH ")).toList();
        List<String> used = observation.exchanges().stream()
                .filter(exchange -> exchange.verb().equals("AUTH"))
                .map(SessionFacts::command)
                .toList();
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                used.isEmpty() ? "the client sent no AUTH" : "the client chose from X-UNKNOWN CRAM-MD5 PLAIN",
                "the client used a mechanism the server did not advertise",
                SessionFacts.evidenceLines(observation, wrong.isEmpty() ? used : wrong));
    }

    static ConformanceCase authIrRules() {
        return ConformanceCase.builder("AUTH-IR-RULES", "No initial response that makes the AUTH line too long")
                .phase(Phase.AUTH)
                .level(Level.MUST)
                .rfc("RFC 4954 §4", "RFC 5321 §4.5.3.1.4")
                .rationale("An AUTH line over 512 octets is cut or refused by servers; the response must wait for 334.")
                .server(config -> config.credentials(USER, LONG_PASSWORD).authMechanisms(AuthMechanism.PLAIN))
                .request(ConformanceCase.STANDARD_REQUEST.withCredentials(USER, LONG_PASSWORD))
                .requires(Feature.AUTH)
                .oracle(AuthCases::initialResponseJudgement)
                .build();
    }

    /** A password that makes the base64 PLAIN initial response about 540 octets. */
    static final String LONG_PASSWORD = "p".repeat(400);

    private static Judgement initialResponseJudgement(Observation observation) {
        List<String> tooLong = new ArrayList<>();
        List<String> undecodable = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            for (Violation violation : observation.sessions().get(session).violations()) {
                if (violation.type() == Violation.Type.COMMAND_LINE_TOO_LONG
                        && violation.detail().startsWith("an AUTH line")) {
                    tooLong.add("S" + (session + 1) + " violation: " + violation.detail());
                }
            }
        }
        for (Exchange exchange : observation.exchanges()) {
            if ((exchange.verb().equals("AUTH") || exchange.verb().isEmpty()) && exchange.replyCode() == 501) {
                undecodable.addAll(SessionFacts.lines(exchange));
            }
        }
        List<String> auth = observation.exchanges().stream()
                .filter(exchange -> exchange.verb().equals("AUTH"))
                .map(SessionFacts::command)
                .toList();
        List<String> evidence = new ArrayList<>(auth);
        evidence.addAll(tooLong);
        evidence.addAll(undecodable);
        Judgement length = Judgement.require(
                tooLong.isEmpty(),
                Level.MUST,
                auth.isEmpty() ? "the client sent no AUTH" : "every AUTH line was at most 512 octets",
                "the client sent an initial response that took the AUTH line over 512 octets",
                SessionFacts.evidenceLines(observation, evidence));
        return length.and(Judgement.require(
                undecodable.isEmpty(),
                Level.MUST,
                "the responses were valid base64",
                "the server could not decode the client's response",
                SessionFacts.evidenceLines(observation, evidence)));
    }

    static ConformanceCase auth334Empty() {
        return auth(
                        "AUTH-334-EMPTY",
                        "An empty challenge (334 with or without a space) is answered",
                        AuthMechanism.PLAIN,
                        AuthMechanism.LOGIN)
                .level(Level.MUST)
                .rfc("RFC 4954 §4", "RFC 5321 §4.2")
                .rationale(
                        "An empty challenge is '334 '; a bare '334' is a reply without text; both ask for a response.")
                .rules(
                        onAuth().matching(argument("(?i)LOGIN"))
                                .willReplyRaw("334 \r\n")
                                .inScenario("empty-challenges")
                                .willSetStateTo("user-sent"),
                        onAuth().inScenario("empty-challenges")
                                .whenScenarioStateIs("user-sent")
                                .willReplyRaw("334\r\n")
                                .willSetStateTo("done"))
                .oracle(observation -> answeredChallenges(
                        observation,
                        EMPTY_CHALLENGE,
                        false,
                        "the client answered every empty challenge with a response",
                        "the client did not answer an empty challenge with a response"))
                .build();
    }

    static ConformanceCase authChallengeInvalid() {
        return auth(
                        "AUTH-CHALLENGE-INVALID",
                        "A challenge that is not base64 is cancelled with '*'",
                        AuthMechanism.LOGIN,
                        AuthMechanism.CRAM_MD5)
                .level(Level.MUST)
                .rfc("RFC 4954 §4")
                .rationale("A client that cannot decode a challenge must cancel, not answer blindly with its secrets.")
                .rules(
                        onAuth().matching(argument("(?i)LOGIN")).willReplyRaw("334 VXNlc!!!\r\n"),
                        onAuth().matching(argument("(?i)CRAM-MD5")).willReplyRaw("334 =AAA\r\n"))
                .oracle(observation -> answeredChallenges(
                        observation,
                        INVALID_CHALLENGE,
                        true,
                        "the client cancelled the undecodable challenge with '*'",
                        "the client answered a challenge that is not base64 instead of cancelling with '*'"))
                .build();
    }

    /** After every server line matching the challenge, the client's next line was '*' (cancel) or a response. */
    private static Judgement answeredChallenges(
            Observation observation, Pattern challenge, boolean cancel, String ifMet, String ifBroken) {
        List<String> evidence = new ArrayList<>();
        boolean seen = false;
        boolean broken = false;
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            for (int i = 0; i < exchanges.size(); i++) {
                Exchange exchange = exchanges.get(i);
                boolean asked = exchange.reply().stream()
                        .anyMatch(line -> challenge.matcher(line.line()).matches());
                if (!asked) {
                    continue;
                }
                seen = true;
                evidence.addAll(SessionFacts.lines(exchange));
                Exchange next = i + 1 < exchanges.size() ? exchanges.get(i + 1) : null;
                String line = next == null ? "" : next.command().line();
                // A response line is masked, so a command sent instead shows only in how the exchange ends.
                boolean succeeded =
                        exchanges.subList(i, exchanges.size()).stream().anyMatch(later -> later.finalCode() == 235);
                boolean ok = next != null
                        && (cancel ? line.equals("*") : next.verb().isEmpty() && !line.equals("*") && succeeded);
                if (next != null) {
                    evidence.add(SessionFacts.command(next)
                            + (ok ? "" : cancel ? "   <- not '*'" : "   <- not a response (no 235 followed)"));
                } else {
                    evidence.add("S" + (session + 1) + " (the client sent nothing more)");
                }
                broken |= !ok;
            }
        }
        if (!seen) {
            return Judgement.notApplicable("the client never got the challenge (it chose a mechanism without one)");
        }
        return Judgement.require(
                !broken, Level.MUST, ifMet, ifBroken, SessionFacts.evidenceLines(observation, evidence));
    }

    static ConformanceCase auth535() {
        return ConformanceCase.builder("AUTH-535", "Bad credentials: reported, no '*' after the reply, QUIT")
                .phase(Phase.AUTH)
                .level(Level.MUST)
                .rfc("RFC 4954 §6", "RFC 4954 §4", "RFC 4954 §8", "RFC 5321 §4.1.1.10")
                .rationale(
                        "535 is final: the caller must learn the credentials are wrong, and the session ends cleanly.")
                .server(config -> config.credentials(USER, "another-password"))
                .request(WITH_AUTH)
                .requires(Feature.AUTH)
                .oracle(AuthCases::badCredentialsJudgement)
                .build();
    }

    private static Judgement badCredentialsJudgement(Observation observation) {
        List<String> starAfterFinal = new ArrayList<>();
        List<String> retries = new ArrayList<>();
        boolean failed = false;
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            for (int i = 0; i < exchanges.size(); i++) {
                Exchange exchange = exchanges.get(i);
                if (failed && exchange.verb().equals("AUTH")) {
                    retries.add(SessionFacts.command(exchange));
                }
                if (exchange.finalCode() == 535) {
                    failed = true;
                    if (i + 1 < exchanges.size()
                            && exchanges.get(i + 1).command().line().equals("*")) {
                        starAfterFinal.addAll(SessionFacts.lines(exchange));
                        starAfterFinal.add(SessionFacts.command(exchanges.get(i + 1)));
                    }
                }
            }
        }
        if (!failed) {
            return Judgement.notApplicable("the client never got the 535");
        }
        Judgement judgement = Judgement.require(
                        starAfterFinal.isEmpty(),
                        Level.MUST,
                        "no '*' after the 535",
                        "the client sent '*' after the final 535",
                        SessionFacts.evidenceLines(observation, starAfterFinal))
                .and(Checks.quitInEverySession(observation, Level.MUST))
                .and(Judgement.require(
                        retries.isEmpty(),
                        Level.SHOULD,
                        "no retry with the same credentials",
                        "the client tried AUTH again with the credentials the server had refused",
                        SessionFacts.evidenceLines(observation, retries)));
        return judgement.and(authOutcome(observation, Outcome.Kind.AUTH_FAILED_PERMANENT));
    }

    private static Judgement authOutcome(Observation observation, Outcome.Kind expected) {
        return Judgement.require(
                observation.outcome().kind() == expected,
                Level.SHOULD,
                "the client reported " + observation.outcome().label(),
                "the client reported " + observation.outcome().label() + ", not "
                        + (expected == Outcome.Kind.AUTH_FAILED_PERMANENT ? "AUTH_FAILED(perm)" : "AUTH_FAILED(temp)"),
                List.of(observation.outcomeEvidence()));
    }

    static ConformanceCase auth454Temp() {
        return auth(
                        "AUTH-454-TEMP",
                        "A temporary AUTH failure is reported as temporary",
                        AuthMechanism.PLAIN,
                        AuthMechanism.LOGIN)
                .level(Level.SHOULD)
                .rfc("RFC 4954 §6")
                .rationale("454 is the server's problem: the user must not be asked for another password.")
                .rules(onAuth().willReply(454, "4.7.0", "Temporary authentication failure"))
                .oracle(observation -> {
                    List<String> retries = new ArrayList<>();
                    boolean failed = false;
                    for (Exchange exchange : observation.exchanges()) {
                        if (failed && exchange.verb().equals("AUTH")) {
                            retries.add(SessionFacts.command(exchange));
                        }
                        failed |= exchange.verb().equals("AUTH") && exchange.replyCode() == 454;
                    }
                    if (!failed) {
                        // For example a client that will not send PLAIN or LOGIN without TLS (msmtp): nothing to judge.
                        return Judgement.notApplicable("the client never got the 454");
                    }
                    return authOutcome(observation, Outcome.Kind.AUTH_FAILED_TEMPORARY)
                            .and(Judgement.require(
                                    retries.isEmpty(),
                                    Level.SHOULD,
                                    "no AUTH retry",
                                    "the client retried AUTH after the temporary failure",
                                    SessionFacts.evidenceLines(observation, retries)));
                })
                .build();
    }

    static ConformanceCase authMechRejected() {
        return auth(
                        "AUTH-MECH-REJECTED",
                        "A mechanism rejected with 534 is not tried again",
                        AuthMechanism.CRAM_MD5,
                        AuthMechanism.PLAIN)
                .level(Level.SHOULD)
                .rfc("RFC 4954 §6", "RFC 4954 §4")
                .rationale(
                        "534 says the mechanism is too weak for this user: another one, or a clear failure, follows.")
                .rules(onAuth().willReply(534, "5.7.9", "Authentication mechanism is too weak")
                        .once())
                .oracle(AuthCases::mechanismRejectedJudgement)
                .build();
    }

    private static Judgement mechanismRejectedJudgement(Observation observation) {
        String rejected = null;
        List<String> evidence = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (Exchange exchange : observation.exchanges()) {
            if (!exchange.verb().equals("AUTH")) {
                continue;
            }
            if (rejected != null && SessionFacts.mechanism(exchange).equals(rejected)) {
                repeated.add(SessionFacts.command(exchange));
            }
            evidence.addAll(SessionFacts.lines(exchange));
            if (rejected == null && exchange.replyCode() == 534) {
                rejected = SessionFacts.mechanism(exchange);
            }
        }
        if (rejected == null) {
            return Judgement.notApplicable("the client sent no AUTH");
        }
        evidence.addAll(repeated);
        return Judgement.require(
                repeated.isEmpty(),
                Level.SHOULD,
                "after the 534 to " + rejected + " the client did not try " + rejected + " again",
                "the client tried " + rejected + " again after the 534",
                SessionFacts.evidenceLines(observation, evidence));
    }

    static ConformanceCase authOrder() {
        return auth(
                        "AUTH-ORDER",
                        "One AUTH per session, never in a transaction, last in a pipelined group",
                        AuthMechanism.PLAIN,
                        AuthMechanism.LOGIN)
                .level(Level.MUST)
                .rfc("RFC 4954 §4")
                .rationale("After 235 the session is authenticated; AUTH inside a transaction or mid-group is refused.")
                .request(WITH_AUTH.repeated(2))
                .oracle(AuthCases::orderJudgement)
                .build();
    }

    private static Judgement orderJudgement(Observation observation) {
        List<String> offending = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            boolean authenticated = false;
            boolean inTransaction = false;
            for (int i = 0; i < exchanges.size(); i++) {
                Exchange exchange = exchanges.get(i);
                String verb = exchange.verb();
                if (verb.equals("AUTH")) {
                    if (authenticated) {
                        offending.add(SessionFacts.command(exchange) + "   <- a second AUTH after 235");
                    }
                    if (inTransaction) {
                        offending.add(SessionFacts.command(exchange) + "   <- AUTH inside a mail transaction");
                    }
                    boolean oneRoundTrip = SessionFacts.hasInitialResponse(exchange)
                            && Set.of("PLAIN", "EXTERNAL").contains(SessionFacts.mechanism(exchange));
                    if (!oneRoundTrip
                            && i + 1 < exchanges.size()
                            && !exchanges.get(i + 1).verb().isEmpty()
                            && SessionFacts.sentBeforeReply(exchange, exchanges.get(i + 1))) {
                        offending.add(SessionFacts.command(exchanges.get(i + 1)) + "   <- pipelined behind AUTH");
                    }
                }
                if (exchange.finalCode() == 235) {
                    authenticated = true;
                }
                switch (verb) {
                    case "MAIL" -> inTransaction = inTransaction || exchange.replyCode() / 100 == 2;
                    case "RSET", "EHLO", "HELO" -> inTransaction = false;
                    case "DATA" -> inTransaction = inTransaction && !exchange.dataCompleted();
                    case "STARTTLS" -> authenticated = authenticated && exchange.replyCode() != 220;
                    default -> {}
                }
            }
        }
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST,
                "one AUTH per session, outside transactions, ending its group",
                "the client broke the AUTH ordering rules",
                SessionFacts.evidenceLines(observation, offending.isEmpty() ? observation.transcript() : offending));
    }

    static ConformanceCase authRequired530() {
        return auth(
                        "AUTH-REQUIRED-530",
                        "530 'authentication required': reported, and STARTTLS then EHLO first",
                        AuthMechanism.PLAIN,
                        AuthMechanism.LOGIN)
                .level(Level.MUST)
                .rfc("RFC 4954 §6", "RFC 4954 §9", "RFC 3207 §4", "RFC 3207 §4.2")
                .rationale("530 is final; a client reacting to 'STARTTLS first' must start over with EHLO after TLS.")
                .server(config -> config.enable(SmtpExtension.STARTTLS).requireAuth(true))
                .rules(
                        // (a) credentials configured, AUTH not offered, MAIL gets 530
                        onEhlo().matching(sessionNumber(1)).willAdvertise(CapabilityChange.without("AUTH", "STARTTLS")),
                        // (c) AUTH offered in clear but answered "STARTTLS first"
                        onAuth().matching(sessionNumber(2).and(tlsInactive()))
                                .willReply(530, "5.7.0", "Must issue a STARTTLS command first"))
                .request(WITH_AUTH.repeated(2).oneConnectionPerMessage())
                .requires(Feature.CONNECTION_PER_MESSAGE)
                .oracle(AuthCases::required530Judgement)
                .build();
    }

    private static Judgement required530Judgement(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return Judgement.notApplicable("the client did not connect");
        }
        // (a): the first connection.
        List<Exchange> first = observation.exchanges(0);
        boolean authSent = first.stream().anyMatch(exchange -> exchange.verb().equals("AUTH"));
        List<Exchange> mails = first.stream()
                .filter(exchange -> exchange.verb().equals("MAIL"))
                .toList();
        Judgement judgement = authSent || mails.isEmpty()
                ? Judgement.pass(
                        "(a) the client sent no MAIL without authenticating", SessionFacts.evidence(observation, mails))
                : new Judgement(
                        Level.SHOULD.whenBroken(),
                        "(a) the client mailed unauthenticated although credentials were configured",
                        SessionFacts.evidence(observation, mails));
        boolean got530 = mails.stream().anyMatch(exchange -> exchange.replyCode() == 530);
        if (got530) {
            Outcome outcome = observation.outcome();
            judgement = judgement.and(Judgement.require(
                    outcome.kind() == Outcome.Kind.PERMANENT || outcome.kind() == Outcome.Kind.AUTH_FAILED_PERMANENT,
                    Level.SHOULD,
                    "(a) the client reported " + outcome.label(),
                    "(a) the client reported " + outcome.label() + " for the 530, not a permanent failure",
                    List.of(observation.outcomeEvidence())));
            judgement = judgement.and(Judgement.require(
                    mails.size() == 1,
                    Level.SHOULD,
                    "(a) no MAIL loop",
                    "(a) the client repeated MAIL after the 530",
                    SessionFacts.evidence(observation, mails)));
        }
        if (observation.sessions().size() < 2) {
            return judgement;
        }
        // (c): the second connection, after "530 Must issue a STARTTLS command first".
        List<Exchange> second = observation.exchanges(1);
        int tls = SessionFacts.tlsStart(second);
        if (tls < 0 || tls + 1 >= second.size()) {
            return judgement;
        }
        Exchange next = second.get(tls + 1);
        List<Exchange> shown = new ArrayList<>();
        second.stream()
                .filter(exchange -> exchange.verb().equals("AUTH") && exchange.replyCode() == 530)
                .findFirst()
                .ifPresent(shown::add);
        shown.addAll(second.subList(tls, Math.min(second.size(), tls + 2)));
        return judgement.and(Judgement.require(
                next.verb().equals("EHLO"),
                Level.MUST,
                "(c) after STARTTLS the client sent EHLO first",
                "(c) after the 530 the client started TLS and sent " + next.verb() + " without EHLO",
                SessionFacts.evidence(observation, shown)));
    }
}
