package dev.twofifty.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A change to the EHLO capability list of one session: keywords to withhold and lines to add. The
 * server then behaves as if the withheld extensions did not exist for that session (a withheld
 * CHUNKING makes BDAT unknown, a withheld SIZE makes the SIZE parameter unknown, and so on).
 *
 * <pre>{@code
 * onEhlo().willAdvertise(CapabilityChange.without("PIPELINING", "CHUNKING"))
 * onEhlo().matching(tlsActive()).willAdvertise(CapabilityChange.with("AUTH PLAIN LOGIN"))
 * }</pre>
 *
 * @param remove keywords to withhold, compared ignoring case (for example {@code PIPELINING})
 * @param add capability lines to add at the end (for example {@code XCLIENT ADDR} or {@code SIZE 1000});
 *     a line whose keyword is already listed replaces that line
 */
public record CapabilityChange(List<String> remove, List<String> add) {

    public CapabilityChange {
        remove =
                remove.stream().map(keyword -> keyword.toUpperCase(Locale.ROOT)).toList();
        add = List.copyOf(add);
        for (String line : add) {
            Objects.requireNonNull(line, "capability line");
            if (line.isBlank() || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("A capability line must be non-blank text without CR or LF: '"
                        + line.replace("\r", "\\r").replace("\n", "\\n") + "'");
            }
        }
    }

    /** Withholds these keywords. */
    public static CapabilityChange without(String... keywords) {
        return new CapabilityChange(List.of(keywords), List.of());
    }

    /** Adds these capability lines. */
    public static CapabilityChange with(String... lines) {
        return new CapabilityChange(List.of(), List.of(lines));
    }

    /** This change and also withholding these keywords. */
    public CapabilityChange andWithout(String... keywords) {
        List<String> merged = new ArrayList<>(remove);
        merged.addAll(List.of(keywords));
        return new CapabilityChange(merged, add);
    }

    /** This change and also adding these lines. */
    public CapabilityChange andWith(String... lines) {
        List<String> merged = new ArrayList<>(add);
        merged.addAll(List.of(lines));
        return new CapabilityChange(remove, merged);
    }

    /** A short description, for example {@code without PIPELINING, with XFOO}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!remove.isEmpty()) {
            out.append("without ").append(String.join(", ", remove));
        }
        if (!add.isEmpty()) {
            out.append(out.length() == 0 ? "" : "; ").append("with ").append(String.join(", ", add));
        }
        return out.length() == 0 ? "no change" : out.toString();
    }

    /** Applies the change to a capability list (the EHLO lines after the first). */
    public List<String> applyTo(List<String> capabilities) {
        List<String> result = new ArrayList<>();
        for (String line : capabilities) {
            if (!remove.contains(keywordOf(line))) {
                result.add(line);
            }
        }
        for (String line : add) {
            String keyword = keywordOf(line);
            result.removeIf(existing -> keywordOf(existing).equals(keyword));
            result.add(line);
        }
        return result;
    }

    /** The keyword of a capability line: its first word, in upper case. */
    public static String keywordOf(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }
}
