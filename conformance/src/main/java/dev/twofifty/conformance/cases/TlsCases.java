package dev.twofifty.conformance.cases;

import static dev.twofifty.conformance.cases.EhloCases.PASSWORD;
import static dev.twofifty.conformance.cases.EhloCases.USER;
import static dev.twofifty.script.Matchers.tlsActive;
import static dev.twofifty.script.Matchers.tlsInactive;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onStartTls;

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
import dev.twofifty.internal.tls.SelfSignedCertificate;
import dev.twofifty.journal.SessionEnd;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.TranscriptEntry;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.CapabilityChange;
import dev.twofifty.script.Fault;
import dev.twofifty.tls.TlsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Catalogue §2.3: STARTTLS and implicit TLS. */
public final class TlsCases {

    /** The host name of the certificate TLS-CERT-IDENTITY presents (the client connects to 127.0.0.1). */
    static final String OTHER_HOST = "mx.other.test";

    private static final MailRequest STARTTLS_WITH_AUTH = ConformanceCase.STANDARD_REQUEST
            .withSecurity(Security.STARTTLS_IF_OFFERED)
            .withCredentials(USER, PASSWORD);

    private TlsCases() {}

    public static List<ConformanceCase> all() {
        return List.of(
                tlsReehlo(),
                tlsCapsReplaced(),
                tlsReehloFails(),
                tlsRespInjection(),
                tlsStarttlsLast(),
                tlsRefused(),
                tlsStripped(),
                tlsHandshakeFail(),
                tlsCertIdentity(),
                tlsNoDouble(),
                tlsImplicit());
    }

    private static ConformanceCase.Builder starttls(String id, String title) {
        return ConformanceCase.builder(id, title)
                .phase(Phase.TLS)
                .server(config -> config.enable(SmtpExtension.STARTTLS)
                        .credentials(USER, PASSWORD)
                        .authMechanisms(AuthMechanism.PLAIN, AuthMechanism.LOGIN))
                .request(STARTTLS_WITH_AUTH)
                .requires(Feature.STARTTLS);
    }

    static ConformanceCase tlsReehlo() {
        return starttls("TLS-REEHLO", "EHLO is the first command after the TLS handshake")
                .level(Level.MUST)
                .rfc("RFC 3207 §4.2")
                .rationale("TLS resets the session: what the server said in clear is void until the new EHLO reply.")
                .oracle(TlsCases::reEhloJudgement)
                .build();
    }

    private static Judgement reEhloJudgement(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return Judgement.notApplicable("the client did not connect");
        }
        List<Exchange> exchanges = observation.exchanges(0);
        int tls = SessionFacts.tlsStart(exchanges);
        if (tls < 0) {
            return Judgement.notApplicable("the client did not start TLS");
        }
        if (tls + 1 == exchanges.size()) {
            return Judgement.pass(
                    "the client sent nothing after the handshake",
                    SessionFacts.evidence(observation, exchanges.subList(tls, tls + 1)));
        }
        Exchange first = exchanges.get(tls + 1);
        List<Exchange> shown = new ArrayList<>(exchanges.subList(tls, Math.min(exchanges.size(), tls + 3)));
        List<String> evidence = SessionFacts.evidence(observation, shown);
        if (!first.verb().equals("EHLO") && !first.verb().equals("HELO")) {
            return new Judgement(
                    Level.MUST.whenBroken(),
                    "the first command after the TLS handshake was " + first.verb() + ", not EHLO",
                    evidence);
        }
        List<String> early =
                SessionFacts.earlyCommands(observation, 0, first.command().at());
        if (!early.isEmpty()
                || tls + 2 < exchanges.size() && SessionFacts.sentBeforeReply(first, exchanges.get(tls + 2))) {
            List<String> lines = new ArrayList<>(early);
            lines.addAll(evidence);
            return new Judgement(
                    Level.MUST.whenBroken(),
                    "the client sent " + nextVerb(exchanges, tls + 2) + " before the reply to the post-TLS "
                            + first.verb(),
                    lines);
        }
        return Judgement.require(
                first.verb().equals("EHLO"),
                Level.SHOULD,
                "the client sent EHLO first after the handshake and waited for its reply",
                "the client sent HELO, not EHLO, first after the handshake",
                evidence);
    }

    private static String nextVerb(List<Exchange> exchanges, int index) {
        return index < exchanges.size() ? exchanges.get(index).verb() : "a command";
    }

    static ConformanceCase tlsCapsReplaced() {
        CapabilityChange before = CapabilityChange.without("SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING")
                .andWith("SIZE 100000000", "AUTH PLAIN LOGIN");
        CapabilityChange after = CapabilityChange.without(
                        "PIPELINING", "8BITMIME", "DSN", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING")
                .andWith("SIZE 5000", "AUTH CRAM-MD5");
        return starttls("TLS-CAPS-REPLACED", "Only the post-TLS EHLO list is used")
                .level(Level.MUST)
                .rfc("RFC 3207 §4.2", "RFC 3207 §6")
                .rationale("Capabilities seen in clear may have been forged; after TLS only the new list counts.")
                .server(config ->
                        config.authMechanisms(AuthMechanism.PLAIN, AuthMechanism.LOGIN, AuthMechanism.CRAM_MD5))
                .rules(
                        onEhlo().matching(tlsInactive()).willAdvertise(before),
                        onEhlo().matching(tlsActive()).willAdvertise(after))
                .request(STARTTLS_WITH_AUTH.withDsn("SUCCESS,FAILURE", "HDRS"))
                .oracle(observation -> afterTls(
                        observation,
                        "after TLS the client used only the post-TLS EHLO list",
                        "after TLS the client used capabilities of the pre-TLS EHLO list"))
                .build();
    }

    /** After the TLS handshake of the first session: nothing the current (post-TLS) greeting did not offer. */
    private static Judgement afterTls(Observation observation, String ifMet, String ifBroken) {
        if (observation.sessions().isEmpty()) {
            return Judgement.notApplicable("the client did not connect");
        }
        List<Exchange> exchanges = observation.exchanges(0);
        int tls = SessionFacts.tlsStart(exchanges);
        if (tls < 0) {
            return Judgement.notApplicable("the client did not start TLS");
        }
        List<String> offending = SessionFacts.unadvertisedFrom(exchanges, tls + 1);
        List<String> evidence = new ArrayList<>();
        for (Exchange exchange : exchanges.subList(tls, exchanges.size())) {
            if (exchange.verb().equals("STARTTLS")
                    || exchange.verb().equals("EHLO")
                    || exchange.verb().equals("HELO")) {
                evidence.addAll(SessionFacts.lines(exchange));
            }
        }
        evidence.addAll(offending);
        return Judgement.require(
                offending.isEmpty(), Level.MUST, ifMet, ifBroken, SessionFacts.evidenceLines(observation, evidence));
    }

    static ConformanceCase tlsReehloFails() {
        return starttls("TLS-REEHLO-FAILS", "Post-TLS EHLO refused: no pre-TLS capability is reused")
                .level(Level.MUST)
                .rfc("RFC 3207 §4.2")
                .rationale("When the new EHLO fails the session has no extensions; the old list is void all the same.")
                .rules(onEhlo().matching(tlsActive()).willReply(502, "Command not implemented"))
                .request(STARTTLS_WITH_AUTH.withDsn("SUCCESS,FAILURE", "HDRS"))
                .oracle(observation -> afterTls(
                        observation,
                        "after the refused post-TLS EHLO the client used no extension (HELO, or it stopped)",
                        "after the refused post-TLS EHLO the client went on with the pre-TLS capabilities"))
                .build();
    }

    static ConformanceCase tlsRespInjection() {
        return starttls("TLS-RESP-INJECTION", "Plaintext lines after the 220 to STARTTLS are not a reply")
                .level(Level.MUST)
                .rfc("RFC 3207 §6", "RFC 3207 §4.2")
                .rationale("Bytes injected in clear before the handshake would otherwise pass for the protected"
                        + " EHLO reply (the NO STARTTLS response injection).")
                .rules(scale -> List.of(
                        onStartTls().willReplyRaw("220 2.0.0 go ahead\r\n250-evil.test\r\n250 AUTH PLAIN\r\n"),
                        onEhlo().matching(tlsActive()).willDelay(scale.hold(1000))))
                .oracle(TlsCases::injectionJudgement)
                .build();
    }

    private static Judgement injectionJudgement(Observation observation) {
        if (observation.sessions().isEmpty()) {
            return Judgement.notApplicable("the client did not connect");
        }
        List<Exchange> exchanges = observation.exchanges(0);
        int tls = SessionFacts.tlsStart(exchanges);
        if (tls < 0) {
            return Judgement.notApplicable("the client did not start TLS");
        }
        List<Exchange> shown = exchanges.subList(tls, Math.min(exchanges.size(), tls + 3));
        List<String> evidence = SessionFacts.evidence(observation, shown);
        if (tls + 1 == exchanges.size()) {
            return Judgement.pass("the client sent nothing after the handshake (it rejected the injection)", evidence);
        }
        Exchange first = exchanges.get(tls + 1);
        if (!first.verb().equals("EHLO")) {
            return new Judgement(
                    Level.MUST.whenBroken(),
                    "after the handshake the client sent " + first.verb() + " without EHLO: it took the injected"
                            + " lines for a reply",
                    evidence);
        }
        List<String> early =
                SessionFacts.earlyCommands(observation, 0, first.command().at());
        if (!early.isEmpty()
                || tls + 2 < exchanges.size() && SessionFacts.sentBeforeReply(first, exchanges.get(tls + 2))) {
            List<String> lines = new ArrayList<>(early);
            lines.addAll(evidence);
            return new Judgement(
                    Level.MUST.whenBroken(),
                    "the client sent " + nextVerb(exchanges, tls + 2) + " before the real EHLO reply: it took the"
                            + " injected lines for it",
                    lines);
        }
        return Judgement.pass("the client ignored the injected lines and waited for the real EHLO reply", evidence);
    }

    static ConformanceCase tlsStarttlsLast() {
        return starttls("TLS-STARTTLS-LAST", "Nothing is pipelined behind STARTTLS")
                .level(Level.MUST)
                .rfc("RFC 3207 §4", "RFC 2920 §3.1")
                .rationale("Plaintext sent behind STARTTLS could be taken for protected commands (CVE-2011-0411).")
                .rules(scale -> List.of(onStartTls().willDelay(scale.hold(500))))
                .request(ConformanceCase.STANDARD_REQUEST.withSecurity(Security.STARTTLS_IF_OFFERED))
                .oracle(TlsCases::startTlsLastJudgement)
                .build();
    }

    private static Judgement startTlsLastJudgement(Observation observation) {
        if (!observation.sent("STARTTLS")) {
            return Judgement.notApplicable("the client did not send STARTTLS");
        }
        List<String> offending = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            SessionRecord record = observation.sessions().get(session);
            for (Violation violation : record.violations()) {
                if (violation.type() == Violation.Type.PLAINTEXT_AFTER_STARTTLS) {
                    offending.add("S" + (session + 1) + " violation: " + violation.detail());
                }
            }
            for (TranscriptEntry event : SessionFacts.events(record)) {
                if (event.line().startsWith("TLS failed") && event.line().contains("NotSslRecord")) {
                    offending.add(SessionFacts.line(session, event));
                }
            }
        }
        List<String> evidence = new ArrayList<>();
        observation.exchanges().stream()
                .filter(exchange -> exchange.verb().equals("STARTTLS"))
                .forEach(exchange -> evidence.addAll(SessionFacts.lines(exchange)));
        evidence.addAll(offending);
        return Judgement.require(
                offending.isEmpty(),
                Level.MUST,
                "the client sent nothing after STARTTLS until the 220, then started TLS",
                "the client sent plaintext after STARTTLS instead of waiting for the 220 and starting TLS",
                SessionFacts.evidenceLines(observation, evidence));
    }

    static ConformanceCase tlsRefused() {
        return starttls("TLS-REFUSED", "STARTTLS refused with 454: a client requiring TLS stops")
                .level(Level.MUST)
                .rfc("RFC 3207 §4", "RFC 3207 §6", "RFC 4954 §4", "RFC 8314 §5.2", "RFC 5321 §4.1.1.10")
                .rationale("A client configured to require TLS must not mail or authenticate in clear when TLS fails.")
                .rules(onStartTls().willReply(454, "4.7.0", "TLS not available"))
                .request(STARTTLS_WITH_AUTH.withSecurity(Security.STARTTLS_REQUIRED))
                .oracle(observation -> withoutTls(observation, true))
                .build();
    }

    static ConformanceCase tlsStripped() {
        return ConformanceCase.builder("TLS-STRIPPED", "STARTTLS not offered: a client requiring TLS stops")
                .phase(Phase.TLS)
                .level(Level.MUST)
                .rfc("RFC 3207 §6", "RFC 8314 §5.2", "RFC 4954 §9")
                .rationale("A man in the middle removes STARTTLS; only a client that requires TLS keeps the password.")
                .server(config ->
                        config.credentials(USER, PASSWORD).authMechanisms(AuthMechanism.PLAIN, AuthMechanism.LOGIN))
                .request(STARTTLS_WITH_AUTH.withSecurity(Security.STARTTLS_REQUIRED))
                .requires(Feature.STARTTLS)
                .oracle(observation -> withoutTls(observation, false))
                .build();
    }

    /**
     * What a client did without TLS. Asked to require TLS (profile H): no AUTH and no MAIL outside TLS
     * (FAIL), QUIT when asked ({@code quit}), and a TLS failure reported (WARN). Asked for opportunistic TLS
     * (profile D): going on is a policy choice (INFO), a PLAIN or LOGIN password in clear a WARN.
     */
    static Judgement withoutTls(Observation observation, boolean quit) {
        boolean required = observation.request().security() == Security.STARTTLS_REQUIRED;
        List<String> clear = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            int tls = SessionFacts.tlsStart(exchanges);
            boolean established = SessionFacts.event(observation.sessions().get(session), "TLS established")
                    .isPresent();
            List<Exchange> inClear = tls >= 0 && established ? exchanges.subList(0, tls) : exchanges;
            for (Exchange exchange : inClear) {
                if (exchange.verb().equals("AUTH") || exchange.verb().equals("MAIL")) {
                    clear.add(SessionFacts.command(exchange));
                }
                String mechanism = exchange.verb().equals("AUTH") ? SessionFacts.mechanism(exchange) : "";
                if (mechanism.equals("PLAIN") || mechanism.equals("LOGIN")) {
                    passwords.add(SessionFacts.command(exchange));
                }
            }
        }
        List<String> evidence = SessionFacts.evidenceLines(observation, observation.transcript());
        if (!required) {
            Judgement going = clear.isEmpty()
                    ? Judgement.pass("asked for opportunistic TLS (profile D), the client stopped", evidence)
                    : Judgement.info(
                            "asked for opportunistic TLS (profile D), the client went on without TLS", evidence);
            return going.and(Judgement.require(
                    passwords.isEmpty(),
                    Level.SHOULD,
                    "no password in clear",
                    "the client sent a PLAIN or LOGIN password without TLS",
                    SessionFacts.evidenceLines(observation, passwords)));
        }
        Judgement stopped = Judgement.require(
                clear.isEmpty(),
                Level.MUST,
                "asked to require TLS (profile H), the client sent no AUTH or MAIL without TLS",
                "asked to require TLS (profile H), the client sent AUTH or MAIL without TLS",
                SessionFacts.evidenceLines(observation, clear.isEmpty() ? observation.transcript() : clear));
        if (quit) {
            stopped = stopped.and(Checks.quitInEverySession(observation, Level.MUST));
        }
        Outcome.Kind kind = observation.outcome().kind();
        return stopped.and(Judgement.require(
                kind == Outcome.Kind.TLS_FAILED || kind == Outcome.Kind.TRANSIENT,
                Level.SHOULD,
                "the client reported " + observation.outcome().label(),
                "the client reported " + observation.outcome().label() + ", not a TLS failure",
                List.of(observation.outcomeEvidence())));
    }

    static ConformanceCase tlsHandshakeFail() {
        return starttls("TLS-HANDSHAKE-FAIL", "A failed handshake after the 220: no SMTP in clear")
                .level(Level.MUST)
                .rfc("RFC 3207 §4", "RFC 3207 §4.1")
                .rationale(
                        "After the 220 only TLS may follow; falling back to clear on the same connection defeats it.")
                .rules(onStartTls().willFault(Fault.tlsHandshakeFailure()))
                .request(STARTTLS_WITH_AUTH.withSecurity(Security.STARTTLS_REQUIRED))
                .oracle(TlsCases::handshakeFailJudgement)
                .build();
    }

    private static Judgement handshakeFailJudgement(Observation observation) {
        if (!observation.sent("STARTTLS")) {
            return Judgement.notApplicable("the client did not send STARTTLS");
        }
        List<String> plaintext = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            for (Violation violation : observation.sessions().get(session).violations()) {
                if (violation.type() == Violation.Type.PLAINTEXT_AFTER_STARTTLS) {
                    plaintext.add("S" + (session + 1) + " violation: " + violation.detail());
                }
            }
        }
        Judgement sameConnection = Judgement.require(
                plaintext.isEmpty(),
                Level.MUST,
                "after the 220 the client attempted TLS and sent no SMTP in clear",
                "after the 220 to STARTTLS the client sent SMTP in clear instead of a TLS handshake",
                SessionFacts.evidenceLines(observation, plaintext.isEmpty() ? observation.transcript() : plaintext));
        return sameConnection.and(withoutTls(observation, false));
    }

    static ConformanceCase tlsCertIdentity() {
        return starttls("TLS-CERT-IDENTITY", "A certificate for another host name: no PLAIN or LOGIN over it")
                .level(Level.MUST)
                .rfc("RFC 4954 §14", "RFC 7817", "RFC 8314 §5.3", "RFC 3207 §4.1")
                .rationale("TLS to an impostor protects nothing; the password must not follow an unverified name.")
                .server(config -> config.tls(OtherHost.TLS))
                .oracle(TlsCases::certIdentityJudgement)
                .build();
    }

    /** A certificate for {@link #OTHER_HOST} only, made once, on first use. */
    private static final class OtherHost {
        static final TlsConfig TLS;

        static {
            Instant now = Instant.now();
            SelfSignedCertificate certificate = SelfSignedCertificate.generate(
                    OTHER_HOST, List.of(OTHER_HOST), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
            TLS = TlsConfig.of(certificate.keyPair().getPrivate(), certificate.certificate());
        }
    }

    private static Judgement certIdentityJudgement(Observation observation) {
        List<String> passwords = new ArrayList<>();
        List<String> mails = new ArrayList<>();
        for (Exchange exchange : observation.exchanges()) {
            String mechanism = exchange.verb().equals("AUTH") ? SessionFacts.mechanism(exchange) : "";
            if (mechanism.equals("PLAIN") || mechanism.equals("LOGIN")) {
                passwords.add(SessionFacts.command(exchange));
            } else if (exchange.verb().equals("MAIL")) {
                mails.add(SessionFacts.command(exchange));
            }
        }
        List<String> evidence = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            int index = session;
            SessionFacts.events(observation.sessions().get(session)).stream()
                    .filter(event -> event.line().startsWith("TLS"))
                    .forEach(event -> evidence.add(SessionFacts.line(index, event)));
        }
        if (!passwords.isEmpty()) {
            evidence.addAll(passwords);
            return new Judgement(
                    Level.MUST.whenBroken(),
                    "the client sent a PLAIN or LOGIN password although the certificate names " + OTHER_HOST,
                    SessionFacts.evidenceLines(observation, evidence));
        }
        if (!mails.isEmpty()) {
            evidence.addAll(mails);
            return Judgement.info(
                    "the client kept no password but mailed over TLS with a certificate for " + OTHER_HOST,
                    SessionFacts.evidenceLines(observation, evidence));
        }
        return Judgement.pass(
                "the client stopped: the certificate names " + OTHER_HOST,
                SessionFacts.evidenceLines(observation, evidence));
    }

    static ConformanceCase tlsNoDouble() {
        return starttls("TLS-NO-DOUBLE", "No second STARTTLS while TLS is active")
                .level(Level.MUST)
                .rfc("RFC 3207 §4.2")
                .rationale(
                        "A client must not start TLS inside TLS, even when the post-TLS EHLO wrongly lists STARTTLS.")
                .rules(onEhlo().matching(tlsActive()).willAdvertise(CapabilityChange.with("STARTTLS")))
                .oracle(TlsCases::noDoubleJudgement)
                .build();
    }

    private static Judgement noDoubleJudgement(Observation observation) {
        List<Exchange> again = new ArrayList<>();
        for (int session = 0; session < observation.sessions().size(); session++) {
            List<Exchange> exchanges = observation.exchanges(session);
            int tls = SessionFacts.tlsStart(exchanges);
            if (tls < 0) {
                continue;
            }
            exchanges.subList(tls + 1, exchanges.size()).stream()
                    .filter(exchange -> exchange.verb().equals("STARTTLS"))
                    .forEach(again::add);
        }
        if (!observation.sent("STARTTLS")) {
            return Judgement.notApplicable("the client did not send STARTTLS");
        }
        return Judgement.require(
                again.isEmpty(),
                Level.MUST,
                "the client sent STARTTLS once although the post-TLS EHLO listed it again",
                "the client sent STARTTLS again while TLS was active",
                SessionFacts.evidence(observation, again));
    }

    static ConformanceCase tlsImplicit() {
        return ConformanceCase.builder("TLS-IMPLICIT", "Implicit TLS: handshake first, no STARTTLS, close_notify")
                .phase(Phase.TLS)
                .level(Level.MUST)
                .rfc("RFC 8314 §3.3", "RFC 8314 §3.4")
                .rationale("On a submissions port TLS starts at once; the session then ends with TLS close alerts.")
                .request(ConformanceCase.STANDARD_REQUEST.withSecurity(Security.IMPLICIT_TLS))
                .requires(Feature.IMPLICIT_TLS)
                .oracle(TlsCases::implicitJudgement)
                .build();
    }

    private static Judgement implicitJudgement(Observation observation) {
        Judgement judgement = null;
        for (int session = 0; session < observation.sessions().size(); session++) {
            SessionRecord record = observation.sessions().get(session);
            List<String> evidence = SessionFacts.evidenceLines(observation, observation.transcript(session));
            boolean implicit = SessionFacts.event(record, "connected from")
                    .map(event -> event.line().endsWith("(implicit TLS)"))
                    .orElse(false);
            Judgement one;
            if (!implicit) {
                one = new Judgement(
                        Level.MUST.whenBroken(),
                        "the client connected to the plain port, not the implicit-TLS one",
                        evidence);
            } else if (SessionFacts.event(record, "TLS established").isEmpty()) {
                one = new Judgement(Level.MUST.whenBroken(), "no TLS handshake on the implicit-TLS port", evidence);
            } else if (observation.exchanges(session).stream()
                    .anyMatch(exchange -> exchange.verb().equals("STARTTLS"))) {
                one = new Judgement(Level.MUST.whenBroken(), "the client sent STARTTLS inside implicit TLS", evidence);
            } else {
                boolean clientClosed = record.endedBy()
                        .map(end -> end == SessionEnd.CLIENT_CLOSE)
                        .orElse(false);
                boolean closeNotify =
                        SessionFacts.event(record, "TLS close_notify received").isPresent();
                one = Judgement.require(
                        !clientClosed || closeNotify,
                        Level.SHOULD,
                        clientClosed
                                ? "the client started with the TLS handshake and closed with close_notify"
                                : "the client started with the TLS handshake; the server closed after QUIT",
                        "the client closed the connection without a TLS close_notify",
                        evidence);
            }
            judgement = judgement == null ? one : judgement.and(one);
        }
        return judgement != null ? judgement : Judgement.notApplicable("the client did not connect");
    }
}
