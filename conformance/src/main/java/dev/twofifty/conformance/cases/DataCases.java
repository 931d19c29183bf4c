package dev.twofifty.conformance.cases;

import static dev.twofifty.script.Matchers.sessionNumber;
import static dev.twofifty.script.Rules.onBdat;
import static dev.twofifty.script.Rules.onData;
import static dev.twofifty.script.Rules.onEhlo;
import static dev.twofifty.script.Rules.onMessage;

import dev.twofifty.conformance.ConformanceCase;
import dev.twofifty.conformance.Feature;
import dev.twofifty.conformance.Judgement;
import dev.twofifty.conformance.Level;
import dev.twofifty.conformance.MailRequest;
import dev.twofifty.conformance.Observation;
import dev.twofifty.conformance.Outcome;
import dev.twofifty.conformance.Phase;
import dev.twofifty.conformance.Verdict;
import dev.twofifty.journal.ReceivedMessage;
import dev.twofifty.journal.SessionRecord;
import dev.twofifty.journal.Violation;
import dev.twofifty.script.CapabilityChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Catalogue §2.7: DATA and BDAT. */
public final class DataCases {

    private DataCases() {}

    /** Lines that need dot-stuffing, the first line of the body included. */
    static final String DOTS_MESSAGE = "From: ann@client.test\r\n"
            + "To: bob@mx.test\r\n"
            + "Subject: dots\r\n"
            + "\r\n"
            + ".first body line starts with a dot\r\n"
            + ".\r\n"
            + "..\r\n"
            + ".hidden\r\n"
            + "last line\r\n";

    /** BDAT chunk sizes asked of clients that let the caller choose: several chunks per message. */
    static final int BDAT_CHUNK = 1000;

    static final int SMALL_CHUNK = 64;

    /** BDAT-FAILURE-STOP: a message of about 3,500 octets, four chunks of 1,000. */
    static final String LARGE_MESSAGE = "From: ann@client.test\r\nTo: bob@mx.test\r\nSubject: large\r\n\r\n"
            + ("A line of text that makes the message long enough for several BDAT chunks.\r\n").repeat(45);

    /** DATA-BARE-CR-LF: a bare LF in a header value and in the body, with {@code LF.LF}. */
    static final String BARE_LF_MESSAGE = "From: ann@client.test\r\n"
            + "To: bob@mx.test\r\n"
            + "Subject: bare LF\nX-Injected: header\r\n"
            + "\r\n"
            + "line one\nline two\n.\nnot the end\r\n";

    /** DATA-BARE-CR-LF: bare CRs, with {@code CR.CR} and {@code CRLF.CR}. */
    static final String BARE_CR_MESSAGE = "From: ann@client.test\r\n"
            + "To: bob@mx.test\r\n"
            + "Subject: bare CR\r\n"
            + "\r\n"
            + "line one\rline two\r.\rnot the end\r\n.\rstill not the end\r\n";

    /** DATA-BARE-CR-LF: smuggling sequences {@code LF.CRLF} and {@code CRLF.LF}, each followed by a second message. */
    static final String SMUGGLING_MESSAGE = "From: ann@client.test\r\n"
            + "To: bob@mx.test\r\n"
            + "Subject: smuggling\r\n"
            + "\r\n"
            + "before\n.\r\nMAIL FROM:<evil@evil.test>\r\nRCPT TO:<victim@evil.test>\r\nDATA\r\n"
            + "Subject: smuggled\r\n\r\nsmuggled\r\n.\n"
            + "MAIL FROM:<evil@evil.test>\r\nRCPT TO:<victim@evil.test>\r\nDATA\r\nsmuggled again\r\n";

    /** DATA-LINE-LENGTH: a 1500-octet header line, a body line of 998 octets and one of 2000. */
    static final String LONG_LINES_MESSAGE = "From: ann@client.test\r\n"
            + "To: bob@mx.test\r\n"
            + "Subject: long lines\r\n"
            + "X-Long: " + "h".repeat(1492) + "\r\n"
            + "\r\n"
            + "a".repeat(998) + "\r\n"
            + "b".repeat(2000) + "\r\n";

    /** DATA-FINAL-CRLF: content without a final CRLF, with one, and ending in an empty line. */
    static final List<String> FINAL_CRLF_MESSAGES = List.of(
            "From: ann@client.test\r\nTo: bob@mx.test\r\nSubject: a\r\n\r\nno final line end",
            "From: ann@client.test\r\nTo: bob@mx.test\r\nSubject: b\r\n\r\none final line end\r\n",
            "From: ann@client.test\r\nTo: bob@mx.test\r\nSubject: c\r\n\r\nan empty last line\r\n\r\n");

    /** DATA-8BIT-*: a prepared message whose body is 8-bit UTF-8. */
    static final byte[] EIGHT_BIT_MESSAGE = ("From: ann@client.test\r\n"
                    + "To: bob@mx.test\r\n"
                    + "Subject: 8-bit body\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n"
                    + "\r\n"
                    + "Gr\u00fc\u00dfe aus K\u00f6ln \u2013 8-bit text\r\n")
            .getBytes(StandardCharsets.UTF_8);

    public static List<ConformanceCase> all() {
        return List.of(
                dataWait354(),
                dotStuffing(),
                bareCrLf(),
                lineLength(),
                finalCrlf(),
                eightBitWithout8BitMime(),
                eightBitMimeDeclared(),
                bdatOnlyIfChunking(),
                bdatFraming(),
                bdatFailureStop());
    }

    static ConformanceCase dataWait354() {
        MailRequest standard = ConformanceCase.STANDARD_REQUEST;
        return ConformanceCase.builder("DATA-WAIT-354", "Message content only after 354")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §3.3", "RFC 5321 §4.3.2")
                .rationale(
                        "Content sent without a 354 is read as commands: an error at best, injected commands at worst.")
                .requests(standard, standard, standard, standard)
                .rules(scale -> List.of(
                        onData().matching(sessionNumber(1)).willReply(451, "4.3.0", "Try again later"),
                        onData().matching(sessionNumber(2)).willReply(554, "5.5.1", "Transaction failed"),
                        onData().matching(sessionNumber(3)).willReply(503, "5.5.1", "Bad sequence of commands"),
                        onData().matching(sessionNumber(4)).willDelay(scale.hold(300))))
                .oracle(observation -> {
                    List<String> early = new ArrayList<>();
                    observation
                            .sessions()
                            .forEach(session -> session.violations().stream()
                                    .filter(violation -> violation.detail().startsWith("message content sent before"))
                                    .forEach(violation ->
                                            early.add("session " + session.id() + ": " + violation.detail())));
                    Judgement waited = Judgement.require(
                            early.isEmpty(),
                            Level.MUST,
                            "the content followed the held 354",
                            "the client did not wait for the 354: " + early,
                            observation.fullEvidence());
                    return TransactionChecks.noContentAfterRefusedData(observation)
                            .and(waited)
                            .and(TransactionChecks.outcomesByClass(observation, 451, 554, 503, 250));
                })
                .build();
    }

    static ConformanceCase dotStuffing() {
        return ConformanceCase.builder("DATA-DOT-STUFFING", "Lines starting with a dot are dot-stuffed")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.5.2", "RFC 5321 §4.1.1.4")
                .rationale("Without dot-stuffing a line \".\" ends the message early and the rest is read as commands.")
                .request(MailRequest.of("ann@client.test", List.of("bob@mx.test"), DOTS_MESSAGE))
                .requires(Feature.RAW_CONTENT)
                .oracle(DataCases::contentArrivedIntact)
                .build();
    }

    static ConformanceCase bareCrLf() {
        return ConformanceCase.builder("DATA-BARE-CR-LF", "No bare CR or LF in the DATA stream, no smuggling")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §2.3.8", "RFC 5321 §4.1.1.4")
                .rationale("Receivers disagree on bare line ends; passing them on lets a message smuggle a second one"
                        + " (SMTP smuggling, CVE-2023-51764).")
                .requests(raw(BARE_LF_MESSAGE), raw(BARE_CR_MESSAGE), raw(SMUGGLING_MESSAGE))
                .requires(Feature.RAW_CONTENT)
                .oracle(DataCases::noBareLineEnds)
                .build();
    }

    static ConformanceCase lineLength() {
        return ConformanceCase.builder("DATA-LINE-LENGTH", "No text line over 1000 octets; a 500 for one is final")
                .phase(Phase.DATA)
                .level(Level.SHOULD)
                .rfc("RFC 5321 §4.5.3.1.6", "RFC 5321 §4.5.3.1", "RFC 6152 §3")
                .rationale("Servers may cut or refuse lines over 1000 octets; encoding (QP, base64) avoids it.")
                .requests(raw(LONG_LINES_MESSAGE), raw(LONG_LINES_MESSAGE))
                .requires(Feature.RAW_CONTENT)
                .rules(onMessage().matching(sessionNumber(2)).willReply(500, "5.5.2", "Line too long"))
                .oracle(DataCases::linesWithinLimit)
                .build();
    }

    static ConformanceCase finalCrlf() {
        return ConformanceCase.builder("DATA-FINAL-CRLF", "A missing final CRLF is added, no other one")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §4.1.1.4")
                .rationale("The content's last CRLF is the first of the terminator: adding one always appends a blank"
                        + " line, adding none ends data inside the last line.")
                .requests(
                        raw(FINAL_CRLF_MESSAGES.get(0)),
                        raw(FINAL_CRLF_MESSAGES.get(1)),
                        raw(FINAL_CRLF_MESSAGES.get(2)))
                .requires(Feature.RAW_CONTENT)
                .oracle(DataCases::finalLineEnds)
                .build();
    }

    static ConformanceCase eightBitWithout8BitMime() {
        return ConformanceCase.builder("DATA-8BIT-NO-8BITMIME", "No 8-bit octets when 8BITMIME is not offered")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §2.4", "RFC 6152 §3")
                .rationale("A server without 8BITMIME may strip the high bit; the client must convert to 7-bit MIME or"
                        + " refuse the message.")
                .request(MailRequest.ofBytes("ann@client.test", List.of("bob@mx.test"), EIGHT_BIT_MESSAGE))
                .requires(Feature.RAW_CONTENT)
                .rules(onEhlo().willAdvertise(CapabilityChange.without("8BITMIME", "BINARYMIME")))
                .oracle(observation -> eightBitJudged(observation, false))
                .build();
    }

    static ConformanceCase eightBitMimeDeclared() {
        return ConformanceCase.builder("DATA-8BITMIME-DECLARED", "8-bit content goes with BODY=8BITMIME")
                .phase(Phase.DATA)
                .level(Level.MUST_DERIVED)
                .rfc("RFC 6152 §2", "RFC 6152 §3", "RFC 5321 §2.4")
                .rationale("8BITMIME lets 8-bit content through only when MAIL declares it with BODY=8BITMIME.")
                .request(MailRequest.ofBytes("ann@client.test", List.of("bob@mx.test"), EIGHT_BIT_MESSAGE))
                .requires(Feature.RAW_CONTENT)
                .oracle(observation -> eightBitJudged(observation, true))
                .build();
    }

    static ConformanceCase bdatOnlyIfChunking() {
        MailRequest chunked = ConformanceCase.STANDARD_REQUEST.withChunkSize(BDAT_CHUNK);
        return ConformanceCase.builder("BDAT-ONLY-IF-CHUNKING", "BDAT only with CHUNKING, BINARYMIME only if offered")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 5321 §2.2", "RFC 3030 §2", "RFC 3030 §3")
                .rationale("BDAT belongs to CHUNKING and BODY=BINARYMIME to BINARYMIME: unoffered, they are errors.")
                .requests(chunked, chunked)
                .requires(Feature.CHUNKING)
                .rules(onEhlo().matching(sessionNumber(1)).willAdvertise(CapabilityChange.without("CHUNKING")))
                .oracle(observation -> {
                    List<Observation.Exchange> bdat = MailCases.verbIn(observation, 0, "BDAT");
                    List<String> binary = TransactionChecks.clientLinesStartingWith(observation, "MAIL FROM:").stream()
                            .filter(line -> line.toUpperCase(Locale.ROOT).contains("BODY=BINARYMIME"))
                            .toList();
                    List<String> wrong = new ArrayList<>();
                    if (!bdat.isEmpty()) {
                        wrong.add("BDAT without CHUNKING: "
                                + bdat.get(0).command().line());
                    }
                    if (!binary.isEmpty()) {
                        wrong.add("BODY=BINARYMIME without BINARYMIME: " + binary.get(0));
                    }
                    boolean chunkedWhenOffered =
                            !MailCases.verbIn(observation, 1, "BDAT").isEmpty();
                    return Judgement.require(
                            wrong.isEmpty(),
                            Level.MUST,
                            "DATA without CHUNKING, " + (chunkedWhenOffered ? "BDAT" : "DATA")
                                    + " with it, no BODY=BINARYMIME",
                            "the client used what was not offered: " + String.join("; ", wrong),
                            observation.fullEvidence());
                })
                .build();
    }

    static ConformanceCase bdatFraming() {
        return ConformanceCase.builder("BDAT-FRAMING", "BDAT sizes exact, no dot-stuffing, one LAST, no DATA")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 3030 §2", "RFC 3030 §3")
                .rationale("The receiver reads exactly the announced octets: a wrong count or stuffing corrupts the"
                        + " message and desynchronises the session.")
                .request(raw(DOTS_MESSAGE).withChunkSize(SMALL_CHUNK))
                .requires(Feature.CHUNKING, Feature.RAW_CONTENT)
                .oracle(DataCases::bdatFramed)
                .build();
    }

    static ConformanceCase bdatFailureStop() {
        MailRequest large = raw(LARGE_MESSAGE).withChunkSize(BDAT_CHUNK);
        return ConformanceCase.builder("BDAT-FAILURE-STOP", "No more BDAT after a failed chunk")
                .phase(Phase.DATA)
                .level(Level.MUST)
                .rfc("RFC 3030 §2", "RFC 3030 §4")
                .rationale("After a 4yz or 5yz to a chunk the transaction has failed; further chunks are wasted or"
                        + " misread.")
                .requests(large, large, large)
                .requires(Feature.CHUNKING, Feature.RAW_CONTENT)
                .rules(
                        secondChunk(1).thenReply(452, "4.3.1", "Insufficient system storage"),
                        secondChunk(2).thenReply(552, "5.3.4", "Message too big for system"),
                        secondChunk(3).thenReply(554, "5.6.0", "Transaction failed"))
                .oracle(observation -> {
                    if (observation.verbs().stream().noneMatch("BDAT"::equals)) {
                        return Judgement.notApplicable("the client used DATA, not BDAT");
                    }
                    List<Observation.Exchange> more = new ArrayList<>();
                    List<String> abandoned = new ArrayList<>();
                    for (int index = 0; index < observation.sessions().size(); index++) {
                        int failedBatch = -1;
                        String next = null;
                        for (Observation.Exchange exchange : observation.exchanges(index)) {
                            boolean bdat = exchange.verb().equals("BDAT");
                            if (failedBatch >= 0 && exchange.command().batch() != failedBatch) {
                                if (bdat) {
                                    more.add(exchange);
                                } else if (next == null) {
                                    next = exchange.verb();
                                }
                            }
                            if (bdat && failedBatch < 0 && exchange.replyCode() / 100 != 2) {
                                failedBatch = exchange.command().batch();
                            }
                        }
                        if (failedBatch >= 0 && !"RSET".equals(next) && !"QUIT".equals(next)) {
                            abandoned.add("session " + (index + 1) + ": " + (next == null ? "nothing" : next));
                        }
                    }
                    return Judgement.require(
                                    more.isEmpty(),
                                    Level.MUST,
                                    "no BDAT followed the failed chunk",
                                    "the client sent BDAT after a chunk failed: " + TransactionChecks.lines(more),
                                    observation.fullEvidence())
                            .and(TransactionChecks.outcomesByClass(observation, 452, 552, 554))
                            .and(Judgement.require(
                                    abandoned.isEmpty(),
                                    Level.SHOULD,
                                    "the failed transaction was ended with RSET or QUIT",
                                    "after the failed chunk the client sent no RSET or QUIT (" + abandoned + ")",
                                    observation.fullEvidence()));
                })
                .build();
    }

    private static dev.twofifty.script.Rule secondChunk(int session) {
        return onBdat().matching(sessionNumber(session)).will(dev.twofifty.script.Action.DEFAULT);
    }

    private static Judgement bdatFramed(Observation observation) {
        List<Observation.Exchange> bdat = observation.exchanges().stream()
                .filter(exchange -> exchange.verb().equals("BDAT"))
                .toList();
        if (bdat.isEmpty()) {
            return Judgement.notApplicable("the client used DATA, not BDAT");
        }
        List<String> wrong = new ArrayList<>();
        bdat.stream()
                .map(exchange -> exchange.command().line())
                .filter(line -> !line.matches("BDAT [0-9]+( LAST)?"))
                .forEach(line -> wrong.add("malformed \"" + line + "\""));
        long last = bdat.stream()
                .filter(exchange -> exchange.command().line().endsWith(" LAST"))
                .count();
        if (last != 1 || !bdat.get(bdat.size() - 1).command().line().endsWith(" LAST")) {
            wrong.add(last + " BDAT ... LAST, not one at the end");
        }
        if (observation.sent("DATA")) {
            wrong.add("DATA in a BDAT transaction");
        }
        byte[] expected = observation.request().messages().get(0);
        if (observation.messages().isEmpty()) {
            wrong.add("no message arrived");
        } else if (!Arrays.equals(expected, observation.messages().get(0).raw())) {
            wrong.add(firstDifference(expected, observation.messages().get(0).raw()));
        }
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                bdat.size() + " BDAT chunks, sizes exact, no stuffing, one LAST",
                "the BDAT framing was wrong: " + String.join("; ", wrong),
                observation.fullEvidence());
    }

    private static Judgement noBareLineEnds(Observation observation) {
        List<String> bare = new ArrayList<>();
        for (SessionRecord session : observation.sessions()) {
            session.violations().stream()
                    .filter(violation -> violation.type() == Violation.Type.BARE_LF_IN_DATA
                            || violation.type() == Violation.Type.BARE_CR_IN_DATA)
                    .forEach(violation -> bare.add("session " + session.id() + ": " + violation.detail()));
        }
        List<String> smuggled = TransactionChecks.clientLinesStartingWith(observation, "MAIL FROM:<evil@evil.test");
        if (!smuggled.isEmpty()) {
            return new Judgement(
                    Verdict.FAIL,
                    "a smuggled command reached the server as a command: " + smuggled,
                    observation.fullEvidence());
        }
        return Judgement.require(
                bare.isEmpty(),
                Level.MUST,
                "no bare CR or LF reached the server (" + TransactionChecks.labels(observation) + ")",
                "the DATA stream had bare line ends: " + bare,
                observation.fullEvidence());
    }

    private static Judgement linesWithinLimit(Observation observation) {
        List<String> tooLong = new ArrayList<>();
        for (SessionRecord session : observation.sessions()) {
            session.violations().stream()
                    .filter(violation -> violation.type() == Violation.Type.TEXT_LINE_TOO_LONG)
                    .forEach(violation -> tooLong.add("session " + session.id() + ": " + violation.detail()));
        }
        Outcome refused = TransactionChecks.outcome(observation, 1);
        Judgement afterRefusal = Judgement.require(
                refused.kind() == Outcome.Kind.PERMANENT || refused.kind() == Outcome.Kind.LOCAL_REJECT,
                Level.MUST,
                "the 500 after the content was reported as " + refused.label(),
                "the 500 after the content was reported as " + refused.label() + "; PERMANENT is required",
                TransactionChecks.outcomeEvidence(observation));
        return afterRefusal.and(Judgement.require(
                tooLong.isEmpty(),
                Level.SHOULD,
                "no text line over 1000 octets was sent ("
                        + TransactionChecks.outcome(observation, 0).label() + ")",
                "the client sent text lines over 1000 octets instead of encoding or refusing them: " + tooLong,
                observation.fullEvidence()));
    }

    private static Judgement finalLineEnds(Observation observation) {
        List<String> wrong = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (int i = 0; i < FINAL_CRLF_MESSAGES.size(); i++) {
            String fixture = FINAL_CRLF_MESSAGES.get(i);
            Outcome outcome = TransactionChecks.outcome(observation, i);
            List<ReceivedMessage> received = TransactionChecks.messagesOfSession(observation, i);
            if (i == 0 && received.isEmpty() && outcome.kind() == Outcome.Kind.LOCAL_REJECT) {
                continue;
            }
            byte[] expected = (i == 0 ? fixture + "\r\n" : fixture).getBytes(StandardCharsets.UTF_8);
            if (received.isEmpty()) {
                wrong.add("message " + (i + 1) + " did not arrive (" + outcome.label() + ")");
            } else if (!Arrays.equals(expected, received.get(0).raw())) {
                wrong.add("message " + (i + 1) + ": "
                        + firstDifference(expected, received.get(0).raw()));
            }
        }
        evidence.addAll(observation.fullEvidence());
        return Judgement.require(
                wrong.isEmpty(),
                Level.MUST,
                "the missing CRLF was added and no other line end was changed",
                "the content's end was changed: " + String.join("; ", wrong),
                evidence);
    }

    private static Judgement eightBitJudged(Observation observation, boolean offered) {
        List<String> undeclared = new ArrayList<>();
        observation
                .sessions()
                .forEach(session -> session.violations().stream()
                        .filter(violation -> violation.type() == Violation.Type.EIGHT_BIT_CONTENT_WITHOUT_8BITMIME)
                        .forEach(violation -> undeclared.add("session " + session.id() + ": " + violation.detail())));
        List<String> body = TransactionChecks.clientLinesStartingWith(observation, "MAIL FROM:").stream()
                .filter(line -> line.toUpperCase(Locale.ROOT).contains("BODY=8BITMIME"))
                .toList();
        if (!offered && !body.isEmpty()) {
            return new Judgement(
                    Verdict.FAIL,
                    "the client declared BODY=8BITMIME although 8BITMIME was not offered",
                    observation.fullEvidence());
        }
        String how = !body.isEmpty()
                ? "declared with BODY=8BITMIME"
                : observation.outcome().kind() == Outcome.Kind.LOCAL_REJECT
                        ? "refused by the client"
                        : "converted to 7-bit";
        return Judgement.require(
                undeclared.isEmpty(),
                offered ? Level.MUST_DERIVED : Level.MUST,
                "the 8-bit content was " + how + " (" + observation.outcome().label() + ")",
                offered
                        ? "the client sent 8-bit content without BODY=8BITMIME"
                        : "the client sent 8-bit content to a server that does not offer 8BITMIME",
                observation.fullEvidence());
    }

    /** A request for this prepared message, sent byte for byte. */
    static MailRequest raw(String message) {
        return MailRequest.of("ann@client.test", List.of("bob@mx.test"), message);
    }

    /** The server received exactly the request's message, after dot-unstuffing. */
    static Judgement contentArrivedIntact(Observation observation) {
        byte[] expected = observation.request().messages().get(0);
        if (observation.messages().isEmpty()) {
            return new Judgement(Level.MUST.whenBroken(), "no message arrived", observation.fullEvidence());
        }
        ReceivedMessage message = observation.messages().get(0);
        byte[] actual = message.raw();
        if (Arrays.equals(expected, actual)) {
            return Judgement.pass("the content arrived byte for byte", List.of(observation.outcomeEvidence()));
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("first difference: " + firstDifference(expected, actual));
        evidence.addAll(observation.fullEvidence());
        return new Judgement(
                Level.MUST.whenBroken(), "the content that arrived differs from the message sent", evidence);
    }

    static String firstDifference(byte[] expected, byte[] actual) {
        String[] sent = new String(expected, StandardCharsets.UTF_8).split("\r\n", -1);
        String[] got = new String(actual, StandardCharsets.UTF_8).split("\r\n", -1);
        for (int i = 0; i < Math.max(sent.length, got.length); i++) {
            String one = i < sent.length ? sent[i] : "(nothing)";
            String other = i < got.length ? got[i] : "(nothing)";
            if (!one.equals(other)) {
                return "line " + (i + 1) + ": sent \"" + visible(one) + "\", received \"" + visible(other) + "\"";
            }
        }
        return "(none found)";
    }

    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
