package dev.twofifty.script;

import dev.twofifty.journal.Recipient;
import dev.twofifty.protocol.Address;
import dev.twofifty.protocol.EsmtpParameters;
import dev.twofifty.protocol.Path;
import dev.twofifty.protocol.SmtpCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A condition on a {@link Step} that decides whether a rule applies. Matchers are immutable values
 * built with the factories of {@link Matchers} and combined with {@link #and}, {@link #or} and
 * {@link #negate}. Each reports not only whether it matched but why not, which is what near-miss
 * reports are made of.
 */
public sealed interface Matcher {

    /** Evaluates this matcher on a step. */
    MatchResult evaluate(Step step);

    /** A short description, for example {@code recipient domain is "blocked.example"}. */
    String describe();

    /** A matcher that needs both this one and the other. */
    default Matcher and(Matcher other) {
        return Matchers.allOf(this, other);
    }

    /** A matcher that needs this one or the other. */
    default Matcher or(Matcher other) {
        return Matchers.anyOf(this, other);
    }

    /** A matcher that needs this one not to match. */
    default Matcher negate() {
        return Matchers.not(this);
    }

    /** Which address of a step an address matcher looks at. */
    enum AddressRole {
        /** The command's own: the sender at MAIL, the recipient at RCPT, any accepted recipient elsewhere. */
        COMMAND,
        /** The sender: the MAIL command's reverse-path, or the transaction's. */
        SENDER,
        /** The recipient: the RCPT command's forward-path, or any accepted recipient of the transaction. */
        RECIPIENT
    }

    /** Matches every step. */
    record Always() implements Matcher {
        @Override
        public MatchResult evaluate(Step step) {
            return MatchResult.match();
        }

        @Override
        public String describe() {
            return "any step";
        }
    }

    /** The step's argument, exactly as sent, matches a regular expression in full. */
    record Argument(Pattern pattern) implements Matcher {
        public Argument {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public MatchResult evaluate(Step step) {
            String argument = step.argument();
            return MatchResult.check(
                    pattern.matcher(argument).matches(), "argument", "to match /" + pattern + "/", quote(argument));
        }

        @Override
        public String describe() {
            return "argument matches /" + pattern + "/";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Argument that && samePattern(pattern, that.pattern);
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /**
     * The address in the given role is this mailbox (local part exact, domain ignoring case). The empty
     * string means the null reverse-path {@code <>}.
     */
    record AddressIs(AddressRole role, String address) implements Matcher {
        public AddressIs {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(address, "address");
            if (address.indexOf('@') >= 0) {
                // Fail when the rule is built, not at the first step it is checked against (which would
                // end that session with an exception).
                Address.parse(address);
            }
        }

        @Override
        public MatchResult evaluate(Step step) {
            List<Path> paths = paths(step, role);
            boolean matched = paths.stream().anyMatch(path -> samePath(path, address));
            return MatchResult.check(matched, field(role, "address"), quote(address), describePaths(step, paths));
        }

        @Override
        public String describe() {
            return field(role, "address") + " is " + quote(address);
        }

        private static boolean samePath(Path path, String expected) {
            if (expected.isEmpty() || path.isNull()) {
                return expected.isEmpty() && path.isNull();
            }
            if (expected.indexOf('@') < 0) {
                return path.text().equalsIgnoreCase(expected);
            }
            return path.mailbox().sameMailbox(Address.parse(expected));
        }
    }

    /** The domain of the address in the given role is this one, ignoring case. */
    record DomainIs(AddressRole role, String domain) implements Matcher {
        public DomainIs {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(domain, "domain");
        }

        @Override
        public MatchResult evaluate(Step step) {
            List<Path> paths = paths(step, role);
            boolean matched = paths.stream()
                    .anyMatch(path -> !path.isNull() && path.mailbox().inDomain(domain));
            return MatchResult.check(matched, field(role, "domain"), quote(domain), describePaths(step, paths));
        }

        @Override
        public String describe() {
            return field(role, "domain") + " is " + quote(domain);
        }
    }

    /** The local part of the address in the given role is exactly this one. */
    record LocalPartIs(AddressRole role, String localPart) implements Matcher {
        public LocalPartIs {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(localPart, "localPart");
        }

        @Override
        public MatchResult evaluate(Step step) {
            List<Path> paths = paths(step, role);
            boolean matched = paths.stream()
                    .anyMatch(
                            path -> !path.isNull() && path.mailbox().localPart().equals(localPart));
            return MatchResult.check(matched, field(role, "local part"), quote(localPart), describePaths(step, paths));
        }

        @Override
        public String describe() {
            return field(role, "local part") + " is " + quote(localPart);
        }
    }

    /**
     * An ESMTP parameter was sent, and, when {@code valuePattern} is given, its value matches it in full
     * (ignoring case). At MAIL and RCPT the command's parameters are checked; elsewhere the MAIL
     * parameters of the transaction.
     *
     * @param name the parameter keyword, for example {@code NOTIFY}
     * @param valuePattern the pattern for the value, or {@code null} to check presence only
     */
    record Parameter(String name, Pattern valuePattern) implements Matcher {
        public Parameter {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public MatchResult evaluate(Step step) {
            EsmtpParameters parameters = parametersOf(step);
            Optional<String> value = parameters.get(name);
            String field = "parameter " + name.toUpperCase(java.util.Locale.ROOT);
            if (value.isEmpty()) {
                return MatchResult.mismatch(
                        field,
                        valuePattern == null ? "present" : "to match /" + valuePattern + "/",
                        parameters.isEmpty() ? "no parameters" : "absent in \"" + parameters + "\"");
            }
            if (valuePattern == null) {
                return MatchResult.match();
            }
            return MatchResult.check(
                    valuePattern.matcher(value.get()).matches(),
                    field,
                    "to match /" + valuePattern + "/",
                    quote(value.get()));
        }

        @Override
        public String describe() {
            return "parameter " + name + (valuePattern == null ? " is present" : " matches /" + valuePattern + "/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Parameter that
                    && name.equalsIgnoreCase(that.name)
                    && (valuePattern == null
                            ? that.valuePattern == null
                            : that.valuePattern != null && samePattern(valuePattern, that.valuePattern));
        }

        @Override
        public int hashCode() {
            return name.toUpperCase(java.util.Locale.ROOT).hashCode();
        }
    }

    /**
     * At the end of data, a header field with this name has a value (unfolded, not decoded) matching the
     * pattern in full.
     */
    record Header(String name, Pattern valuePattern) implements Matcher {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(valuePattern, "valuePattern");
        }

        @Override
        public MatchResult evaluate(Step step) {
            String field = "header " + name;
            if (step.message().isEmpty()) {
                return MatchResult.mismatch(field, "a message", "no message at " + step.trigger());
            }
            List<String> values = step.message().get().headerValues(name);
            boolean matched = values.stream()
                    .anyMatch(value -> valuePattern.matcher(value).matches());
            return MatchResult.check(
                    matched,
                    field,
                    "to match /" + valuePattern + "/",
                    values.isEmpty()
                            ? "absent"
                            : values.stream().map(Matcher::quote).collect(Collectors.joining(", ")));
        }

        @Override
        public String describe() {
            return "header " + name + " matches /" + valuePattern + "/";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Header that
                    && name.equalsIgnoreCase(that.name)
                    && samePattern(valuePattern, that.valuePattern);
        }

        @Override
        public int hashCode() {
            return name.toLowerCase(java.util.Locale.ROOT).hashCode();
        }
    }

    /** At the end of data, the pattern is found somewhere in the body (the text after the header). */
    record Body(Pattern pattern) implements Matcher {
        public Body {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public MatchResult evaluate(Step step) {
            if (step.message().isEmpty()) {
                return MatchResult.mismatch("body", "a message", "no message at " + step.trigger());
            }
            String body = step.message().get().body();
            return MatchResult.check(
                    pattern.matcher(body).find(), "body", "to contain /" + pattern + "/", abbreviate(body));
        }

        @Override
        public String describe() {
            return "body contains /" + pattern + "/";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Body that && samePattern(pattern, that.pattern);
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }

    /** The step belongs to the n-th session (1-based) of the server. */
    record SessionOrdinal(long ordinal) implements Matcher {
        @Override
        public MatchResult evaluate(Step step) {
            long actual = step.session().id();
            return MatchResult.check(
                    actual == ordinal, "session number", String.valueOf(ordinal), String.valueOf(actual));
        }

        @Override
        public String describe() {
            return "session number is " + ordinal;
        }
    }

    /** The step belongs to the n-th mail transaction (1-based) of its session. */
    record TransactionOrdinal(int ordinal) implements Matcher {
        @Override
        public MatchResult evaluate(Step step) {
            int actual = step.session().transactionOrdinal();
            return MatchResult.check(
                    actual == ordinal, "transaction number", String.valueOf(ordinal), String.valueOf(actual));
        }

        @Override
        public String describe() {
            return "transaction number is " + ordinal;
        }
    }

    /** The step is the n-th RCPT command (1-based) of its transaction. */
    record RecipientOrdinal(int ordinal) implements Matcher {
        @Override
        public MatchResult evaluate(Step step) {
            int actual = step.recipientOrdinal();
            return MatchResult.check(
                    actual == ordinal,
                    "recipient number",
                    String.valueOf(ordinal),
                    actual == 0 ? "not a RCPT step" : String.valueOf(actual));
        }

        @Override
        public String describe() {
            return "recipient number is " + ordinal;
        }
    }

    /** TLS is (or is not) in effect. */
    record TlsActive(boolean active) implements Matcher {
        @Override
        public MatchResult evaluate(Step step) {
            boolean actual = step.session().tlsActive();
            return MatchResult.check(
                    actual == active, "TLS", active ? "active" : "not active", actual ? "active" : "not active");
        }

        @Override
        public String describe() {
            return active ? "TLS is active" : "TLS is not active";
        }
    }

    /**
     * The session has authenticated, as the given user when {@code user} is not {@code null}.
     *
     * @param user the expected user, or {@code null} for any authenticated user
     */
    record AuthenticatedUser(String user) implements Matcher {
        @Override
        public MatchResult evaluate(Step step) {
            Optional<String> actual = step.session().authenticatedUser();
            boolean matched = actual.isPresent() && (user == null || user.equals(actual.get()));
            return MatchResult.check(
                    matched,
                    "authenticated user",
                    user == null ? "any" : quote(user),
                    actual.map(Matcher::quote).orElse("not authenticated"));
        }

        @Override
        public String describe() {
            return user == null ? "authenticated" : "authenticated as " + quote(user);
        }
    }

    /** Every one of the matchers matches. */
    record AllOf(List<Matcher> matchers) implements Matcher {
        public AllOf {
            matchers = List.copyOf(matchers);
        }

        @Override
        public MatchResult evaluate(Step step) {
            List<MatchResult> results = new ArrayList<>(matchers.size());
            for (Matcher matcher : matchers) {
                results.add(matcher.evaluate(step));
            }
            return MatchResult.all(results);
        }

        @Override
        public String describe() {
            return matchers.stream().map(Matcher::describe).collect(Collectors.joining(" and "));
        }
    }

    /** At least one of the matchers matches; a mismatch reports the closest one. */
    record AnyOf(List<Matcher> matchers) implements Matcher {
        public AnyOf {
            matchers = List.copyOf(matchers);
            if (matchers.isEmpty()) {
                throw new IllegalArgumentException("anyOf needs at least one matcher");
            }
        }

        @Override
        public MatchResult evaluate(Step step) {
            MatchResult closest = null;
            for (Matcher matcher : matchers) {
                MatchResult result = matcher.evaluate(step);
                if (result.matched()) {
                    return result;
                }
                if (closest == null || result.distance() < closest.distance()) {
                    closest = result;
                }
            }
            return closest;
        }

        @Override
        public String describe() {
            return "(" + matchers.stream().map(Matcher::describe).collect(Collectors.joining(" or ")) + ")";
        }
    }

    /** The matcher does not match. */
    record Not(Matcher matcher) implements Matcher {
        public Not {
            Objects.requireNonNull(matcher, "matcher");
        }

        @Override
        public MatchResult evaluate(Step step) {
            MatchResult inner = matcher.evaluate(step);
            return MatchResult.check(!inner.matched(), "not (" + matcher.describe() + ")", "no match", "a match");
        }

        @Override
        public String describe() {
            return "not (" + matcher.describe() + ")";
        }
    }

    private static List<Path> paths(Step step, AddressRole role) {
        Optional<SmtpCommand> command = step.command();
        AddressRole effective = role;
        if (role == AddressRole.COMMAND) {
            effective = command.filter(SmtpCommand.MailFrom.class::isInstance).isPresent()
                    ? AddressRole.SENDER
                    : AddressRole.RECIPIENT;
        }
        if (effective == AddressRole.SENDER) {
            if (command.isPresent() && command.get() instanceof SmtpCommand.MailFrom mail) {
                return List.of(mail.reversePath());
            }
            return step.inTransaction() ? List.of(step.envelope().reversePath()) : List.of();
        }
        if (command.isPresent() && command.get() instanceof SmtpCommand.RcptTo rcpt) {
            return List.of(rcpt.forwardPath());
        }
        return step.envelope().recipients().stream().map(Recipient::forwardPath).toList();
    }

    private static EsmtpParameters parametersOf(Step step) {
        Optional<SmtpCommand> command = step.command();
        if (command.isPresent() && command.get() instanceof SmtpCommand.MailFrom mail) {
            return mail.parameters();
        }
        if (command.isPresent() && command.get() instanceof SmtpCommand.RcptTo rcpt) {
            return rcpt.parameters();
        }
        return step.envelope().mailParameters();
    }

    private static String field(AddressRole role, String what) {
        return switch (role) {
            case COMMAND -> what;
            case SENDER -> "sender " + what;
            case RECIPIENT -> "recipient " + what;
        };
    }

    private static String describePaths(Step step, List<Path> paths) {
        if (paths.isEmpty()) {
            return "no address at " + step.trigger();
        }
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= 80 ? quote(flat) : quote(flat.substring(0, 77) + "...");
    }

    private static boolean samePattern(Pattern one, Pattern other) {
        return one.pattern().equals(other.pattern()) && one.flags() == other.flags();
    }
}
