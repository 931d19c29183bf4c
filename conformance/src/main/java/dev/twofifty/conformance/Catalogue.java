package dev.twofifty.conformance;

import dev.twofifty.conformance.cases.AuthCases;
import dev.twofifty.conformance.cases.ConnectionCases;
import dev.twofifty.conformance.cases.DataCases;
import dev.twofifty.conformance.cases.EhloCases;
import dev.twofifty.conformance.cases.EndOfDataCases;
import dev.twofifty.conformance.cases.ExtensionCases;
import dev.twofifty.conformance.cases.MailCases;
import dev.twofifty.conformance.cases.PipeliningCases;
import dev.twofifty.conformance.cases.QuitCases;
import dev.twofifty.conformance.cases.RcptCases;
import dev.twofifty.conformance.cases.ReplyCases;
import dev.twofifty.conformance.cases.TimeoutCases;
import dev.twofifty.conformance.cases.TlsCases;
import dev.twofifty.conformance.cases.TransactionCases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The conformance cases, in catalogue order ({@code docs/conformance.md} lists them with their RFC
 * sections). Ids are the catalogue's, for example {@code GREET-554}.
 */
public final class Catalogue {

    private Catalogue() {}

    /** Every case. */
    public static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(ConnectionCases.all());
        cases.addAll(EhloCases.all());
        cases.addAll(TlsCases.all());
        cases.addAll(AuthCases.all());
        cases.addAll(MailCases.all());
        cases.addAll(RcptCases.all());
        cases.addAll(DataCases.all());
        cases.addAll(EndOfDataCases.all());
        cases.addAll(TransactionCases.all());
        cases.addAll(QuitCases.all());
        cases.addAll(TimeoutCases.all());
        cases.addAll(PipeliningCases.all());
        cases.addAll(ExtensionCases.all());
        cases.addAll(ReplyCases.all());
        cases.sort(Comparator.comparing(ConformanceCase::phase));
        return List.copyOf(cases);
    }

    /** The case with this id. */
    public static Optional<ConformanceCase> byId(String id) {
        return all().stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The cases whose id matches a glob ({@code *} any characters, {@code ?} one), ignoring case, for
     * example {@code GREET-*}; several globs may be separated by commas.
     */
    public static List<ConformanceCase> matching(String globs) {
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : globs.split(",")) {
            String regex = glob.trim().replace(".", "\\.").replace("*", ".*").replace("?", ".");
            patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
        return all().stream()
                .filter(c -> patterns.stream()
                        .anyMatch(pattern -> pattern.matcher(c.id()).matches()))
                .toList();
    }
}
