package dev.twofifty.junit;

import dev.twofifty.FakeSmtp;
import dev.twofifty.FakeSmtpServer;
import dev.twofifty.Limits;
import dev.twofifty.ServerConfig;
import dev.twofifty.SmtpExtension;
import dev.twofifty.journal.Journal;
import dev.twofifty.junit.internal.Reports;
import dev.twofifty.junit.internal.ServerHolder;
import dev.twofifty.junit.internal.Settings;
import dev.twofifty.junit.internal.SmtpTranscripts;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import dev.twofifty.script.SmtpDispatcher;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit 5/6 extension behind {@link SmtpTest}, and its programmatic form.
 *
 * <p>Three ways in:
 *
 * <pre>{@code
 * @SmtpTest(tls = true)                                  // 1. the annotation
 * class A { @Test void t(FakeSmtpServer smtp) { ... } }
 *
 * @ExtendWith(FakeSmtpExtension.class)                   // 2. plain @ExtendWith: defaults
 * class B { @Test void t(FakeSmtpServer smtp) { ... } }
 *
 * class C {                                              // 3. a field: the field decides the lifecycle
 *     @RegisterExtension
 *     static FakeSmtpExtension smtp = FakeSmtpExtension.builder()   // static: one server per class,
 *             .configure(config -> config.credentials("ann", "secret"))  //   reset before each test
 *             .stubs(onMessage().willReply(451, "4.3.0", "Later").times(2))
 *             .build();                                  // an instance field: one server per test
 *     @Test void t() { smtp.stubFor(...); mailer.send(smtp.host(), smtp.port()); }
 * }
 * }</pre>
 *
 * <p>The server lives in JUnit's {@code ExtensionContext.Store}, so JUnit closes it. When a test fails,
 * the transcripts of its SMTP sessions are attached to the failure (as a suppressed exception) and
 * published as a report entry. Optional checks fail a passed test when the client violated the
 * protocol or a rule it added never fired.
 */
public final class FakeSmtpExtension
        implements BeforeAllCallback,
                BeforeEachCallback,
                AfterEachCallback,
                ParameterResolver,
                TestExecutionExceptionHandler,
                FakeSmtp {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeSmtpExtension.class);
    private static final String DEFAULT_NAME = "default";

    private final Settings programmatic;
    private volatile ServerHolder current;

    /** Used by JUnit for {@code @ExtendWith} and {@link SmtpTest}: settings come from the annotation, if any. */
    public FakeSmtpExtension() {
        this.programmatic = null;
    }

    private FakeSmtpExtension(Settings settings) {
        this.programmatic = settings;
    }

    /** A builder for a {@code @RegisterExtension} field. */
    public static Builder builder() {
        return new Builder();
    }

    // =====================================================================================
    // Lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        Settings settings = settings(context);
        boolean perClass = programmatic != null || settings.perClass();
        if (perClass && existing(context, settings).isEmpty()) {
            start(context, settings);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = settings(context);
        Optional<ServerHolder> shared = existing(context, settings);
        if (shared.isPresent()) {
            current = shared.get();
            shared.get().resetForNextTest();
        } else {
            start(context, settings).markTestStart();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ServerHolder holder = find(context, settings(context).name()).orElse(null);
        if (holder == null || context.getExecutionException().isPresent()) {
            return;
        }
        Settings settings = holder.settings();
        StringBuilder problems = new StringBuilder();
        if (settings.failOnViolations()) {
            String violations = Reports.violations(holder.server());
            if (!violations.isEmpty()) {
                problems.append("The SMTP client violated the protocol:\n").append(violations);
            }
        }
        if (settings.failOnUnfiredRules()) {
            List<ActiveRule> unfired = holder.unfiredTestRules();
            if (!unfired.isEmpty()) {
                problems.append(Reports.unfired(unfired)).append('\n');
            }
        }
        if (problems.length() > 0) {
            throw new AssertionError(problems + "\n" + Reports.transcripts(settings.name(), holder.server()) + "\n");
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        find(context, settings(context).name()).ifPresent(holder -> {
            String transcripts = Reports.transcripts(holder.settings().name(), holder.server());
            context.publishReportEntry(
                    "twofifty.transcripts." + holder.settings().name(), transcripts);
            failure.addSuppressed(new SmtpTranscripts(transcripts));
        });
        throw failure;
    }

    // =====================================================================================
    // Parameters

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type != FakeSmtpServer.class && type != FakeSmtp.class) {
            return false;
        }
        String myName = settings(context).name();
        List<String> names = namesVisible(context);
        Optional<Smtp> requested = parameter.findAnnotation(Smtp.class);
        if (requested.isPresent()) {
            String wanted = requested.get().value();
            if (wanted.equals(myName)) {
                return true;
            }
            if (!names.contains(wanted) && isFirst(myName, names)) {
                throw new ParameterResolutionException("No TwoFifty server is named \"" + wanted + "\" for parameter "
                        + describe(parameter) + "; the servers here are " + names);
            }
            return false;
        }
        if (names.size() > 1) {
            if (isFirst(myName, names)) {
                throw new ParameterResolutionException("Several TwoFifty servers are registered " + names
                        + ": name the one parameter " + describe(parameter) + " wants with @Smtp(\"...\")");
            }
            return false;
        }
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Settings settings = settings(context);
        return find(context, settings.name())
                .map(ServerHolder::server)
                .orElseThrow(() -> new ParameterResolutionException("The TwoFifty server \"" + settings.name()
                        + "\" is not running yet for " + describe(parameter) + ": it starts before each test, so a"
                        + " @BeforeAll method cannot have it; use @BeforeEach, or a shared server"
                        + " (@SmtpTest(lifecycle = Lifecycle.PER_CLASS) or a static @RegisterExtension field)"));
    }

    // =====================================================================================
    // FakeSmtp, for fields: delegates to the server of the current test

    /** The server of the current test (or of the class, for a static field). */
    public FakeSmtpServer server() {
        ServerHolder holder = current;
        if (holder == null) {
            throw new IllegalStateException("No TwoFifty server is running yet: a static @RegisterExtension field"
                    + " starts it before all tests, an instance field before each test");
        }
        return holder.server();
    }

    @Override
    public String host() {
        return server().host();
    }

    @Override
    public int port() {
        return server().port();
    }

    @Override
    public ActiveRule stubFor(Rule rule) {
        return server().stubFor(rule);
    }

    @Override
    public List<ActiveRule> rules() {
        return server().rules();
    }

    @Override
    public boolean removeRule(String id) {
        return server().removeRule(id);
    }

    @Override
    public void resetRules() {
        server().resetRules();
    }

    @Override
    public void resetScenarios() {
        server().resetScenarios();
    }

    @Override
    public Map<String, String> scenarioStates() {
        return server().scenarioStates();
    }

    @Override
    public List<NearMiss> nearMisses() {
        return server().nearMisses();
    }

    @Override
    public Journal journal() {
        return server().journal();
    }

    @Override
    public void reset() {
        server().reset();
    }

    // =====================================================================================
    // Internals

    private ServerHolder start(ExtensionContext context, Settings settings) {
        if (settings.configError() != null) {
            throw new ExtensionConfigurationException(
                    origin(context) + ": " + settings.configError().getMessage(), settings.configError());
        }
        claim(context, settings);
        ServerHolder holder;
        try {
            holder = new ServerHolder(settings, FakeSmtpServer.start(settings.config()), this);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(
                    origin(context) + ": the server could not start: " + e.getMessage(), e);
        }
        context.getStore(NAMESPACE).put(key(context, settings.name()), holder);
        current = holder;
        return holder;
    }

    /** A server of this extension's name that already runs for an enclosing context; refuses a namesake. */
    private Optional<ServerHolder> existing(ExtensionContext context, Settings settings) {
        Optional<ServerHolder> found = find(context, settings.name());
        if (found.isPresent() && found.get().owner() != this) {
            throw duplicateName(
                    context, settings.name(), (FakeSmtpExtension) found.get().owner());
        }
        return found;
    }

    /**
     * Registers the name and published properties of a server about to start at this context, refusing
     * clashes with servers visible from it.
     */
    private void claim(ExtensionContext context, Settings settings) {
        synchronized (FakeSmtpExtension.class) {
            for (Registry registry : registriesFrom(context)) {
                FakeSmtpExtension owner = registry.owners.get(settings.name());
                if (owner != null && owner != this) {
                    throw duplicateName(context, settings.name(), owner);
                }
                for (String property : List.of(settings.hostProperty(), settings.portProperty())) {
                    String other = property.isEmpty() ? null : registry.properties.get(property);
                    if (other != null && !other.equals(settings.name())) {
                        throw new ExtensionConfigurationException("The TwoFifty servers \"" + other + "\" and \""
                                + settings.name() + "\" both publish the system property " + property);
                    }
                }
            }
            Registry own = registryAt(context);
            own.owners.put(settings.name(), this);
            if (!settings.hostProperty().isEmpty()) {
                own.properties.put(settings.hostProperty(), settings.name());
            }
            if (!settings.portProperty().isEmpty()) {
                own.properties.put(settings.portProperty(), settings.name());
            }
        }
    }

    private ExtensionConfigurationException duplicateName(
            ExtensionContext context, String name, FakeSmtpExtension owner) {
        return new ExtensionConfigurationException("Two TwoFifty servers are named \"" + name + "\": "
                + owner.origin(context) + " and " + origin(context)
                + "; give each a name with FakeSmtpExtension.builder().name(...)");
    }

    /** The server of this name visible from the context (its own, or a parent's). */
    private static Optional<ServerHolder> find(ExtensionContext context, String name) {
        for (ExtensionContext level = context;
                level != null;
                level = level.getParent().orElse(null)) {
            Object holder = level.getStore(NAMESPACE).get(key(level, name));
            if (holder instanceof ServerHolder found) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static String key(ExtensionContext level, String name) {
        return "server:" + level.getUniqueId() + ":" + name;
    }

    /** The names taken and the system properties published by servers living at one context. */
    private static final class Registry {
        final Map<String, FakeSmtpExtension> owners = new LinkedHashMap<>();
        final Map<String, String> properties = new LinkedHashMap<>();
    }

    private static Registry registryAt(ExtensionContext level) {
        ExtensionContext.Store store = level.getStore(NAMESPACE);
        String key = "registry:" + level.getUniqueId();
        Object existing = store.get(key);
        if (existing instanceof Registry registry) {
            return registry;
        }
        Registry created = new Registry();
        store.put(key, created);
        return created;
    }

    /** The registries of this context and its ancestors, innermost first. */
    private static List<Registry> registriesFrom(ExtensionContext context) {
        List<Registry> registries = new ArrayList<>();
        for (ExtensionContext level = context;
                level != null;
                level = level.getParent().orElse(null)) {
            Object registry = level.getStore(NAMESPACE).get("registry:" + level.getUniqueId());
            if (registry instanceof Registry found) {
                registries.add(found);
            }
        }
        return registries;
    }

    private List<String> namesVisible(ExtensionContext context) {
        List<String> names = new ArrayList<>();
        synchronized (FakeSmtpExtension.class) {
            for (Registry registry : registriesFrom(context)) {
                registry.owners.keySet().stream()
                        .filter(name -> !names.contains(name))
                        .forEach(names::add);
            }
        }
        String mine = settings(context).name();
        if (!names.contains(mine)) {
            names.add(mine);
        }
        return names;
    }

    private static boolean isFirst(String name, List<String> names) {
        return names.stream().sorted().findFirst().map(name::equals).orElse(true);
    }

    private Settings settings(ExtensionContext context) {
        if (programmatic != null) {
            return programmatic;
        }
        Optional<SmtpTest> annotation = context.getTestClass().flatMap(FakeSmtpExtension::annotationOf);
        return annotation.map(FakeSmtpExtension::fromAnnotation).orElseGet(FakeSmtpExtension::defaults);
    }

    private static Optional<SmtpTest> annotationOf(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            SmtpTest annotation = type.getAnnotation(SmtpTest.class);
            if (annotation != null) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    private static Settings defaults() {
        return new Settings(DEFAULT_NAME, ServerConfig.defaults(), null, List.of(), null, false, false, false, "", "");
    }

    private static Settings fromAnnotation(SmtpTest annotation) {
        ServerConfig config = null;
        IllegalArgumentException error = null;
        try {
            ServerConfig.Builder builder =
                    ServerConfig.builder().requireAuth(annotation.requireAuth()).requireTls(annotation.requireTls());
            if (annotation.tls()) {
                builder.enable(SmtpExtension.STARTTLS);
            }
            if (annotation.smtps()) {
                builder.smtpsPort(0);
            }
            for (String credential : annotation.auth()) {
                int colon = credential.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("auth needs \"user:password\" but was \"" + credential + "\"");
                }
                builder.credentials(credential.substring(0, colon), credential.substring(colon + 1));
            }
            builder.disable(annotation.disable());
            if (annotation.lenient()) {
                builder.lenient();
            }
            if (annotation.maxMessageSize() > 0) {
                builder.limits(Limits.DEFAULTS.withMaxMessageSize(annotation.maxMessageSize()));
            }
            config = builder.build();
        } catch (IllegalArgumentException e) {
            error = e;
        }
        return new Settings(
                DEFAULT_NAME,
                config,
                error,
                List.of(),
                null,
                annotation.lifecycle() == Lifecycle.PER_CLASS,
                annotation.failOnViolations(),
                annotation.failOnUnfiredRules(),
                annotation.hostProperty(),
                annotation.portProperty());
    }

    /** Where this extension was declared, for error messages: the field, or the annotation. */
    private String origin(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (programmatic == null) {
            return annotationOf(testClass)
                    .map(ignored -> "@SmtpTest on " + testClass.getName())
                    .orElse("@ExtendWith(FakeSmtpExtension.class) on " + testClass.getName());
        }
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
                for (Field field : level.getDeclaredFields()) {
                    if (FakeSmtpExtension.class.isAssignableFrom(field.getType()) && holdsThis(field, context)) {
                        return "the FakeSmtpExtension in field " + level.getSimpleName() + "." + field.getName();
                    }
                }
            }
        }
        return "a FakeSmtpExtension named \"" + programmatic.name() + "\"";
    }

    private boolean holdsThis(Field field, ExtensionContext context) {
        try {
            field.setAccessible(true);
            if (Modifier.isStatic(field.getModifiers())) {
                return field.get(null) == this;
            }
            for (Object instance : context.getTestInstances()
                    .map(instances -> instances.getAllInstances())
                    .orElse(List.of())) {
                if (field.getDeclaringClass().isInstance(instance) && field.get(instance) == this) {
                    return true;
                }
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(ParameterContext parameter) {
        return "'" + parameter.getParameter().getName() + "' of "
                + parameter.getDeclaringExecutable().getDeclaringClass().getSimpleName() + "."
                + parameter.getDeclaringExecutable().getName();
    }

    @Override
    public String toString() {
        return "FakeSmtpExtension[" + (programmatic == null ? "from annotation" : programmatic.name()) + "]";
    }

    /**
     * Builds a {@link FakeSmtpExtension} for a {@code @RegisterExtension} field. Nothing is checked or
     * started here: configuration errors are reported when the extension is used, naming its field.
     */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private final ServerConfig.Builder config = ServerConfig.builder();
        private ServerConfig fixedConfig;
        private final List<Rule> rules = new ArrayList<>();
        private SmtpDispatcher dispatcher;
        private boolean failOnViolations;
        private boolean failOnUnfiredRules;
        private String hostProperty = "";
        private String portProperty = "";

        private Builder() {}

        /** Names the server, to tell several apart with {@link Smtp @Smtp("name")}. */
        public Builder name(String serverName) {
            this.name = Objects.requireNonNull(serverName, "name");
            return this;
        }

        /** Uses exactly this configuration. */
        public Builder config(ServerConfig serverConfig) {
            this.fixedConfig = Objects.requireNonNull(serverConfig, "config");
            return this;
        }

        /** Changes the configuration, starting from the defaults: {@code configure(c -> c.enable(STARTTLS))}. */
        public Builder configure(Consumer<ServerConfig.Builder> change) {
            change.accept(config);
            return this;
        }

        /** Adds rules that are in place whenever the server starts or is reset for the next test. */
        public Builder stubs(Rule... initialRules) {
            rules.addAll(Arrays.asList(initialRules));
            return this;
        }

        /** Installs a dispatcher whenever the server starts or is reset. */
        public Builder dispatcher(SmtpDispatcher smtpDispatcher) {
            this.dispatcher = smtpDispatcher;
            return this;
        }

        /** Fails a passed test when a client violated the protocol during it. */
        public Builder failOnViolations() {
            this.failOnViolations = true;
            return this;
        }

        /** Fails a passed test when a rule it added never fired, with the near-miss report. */
        public Builder failOnUnfiredRules() {
            this.failOnUnfiredRules = true;
            return this;
        }

        /** Publishes the host as this system property while the server runs, for example {@code spring.mail.host}. */
        public Builder publishHostAs(String property) {
            this.hostProperty = Objects.requireNonNull(property, "property");
            return this;
        }

        /** Publishes the port as this system property while the server runs, for example {@code spring.mail.port}. */
        public Builder publishPortAs(String property) {
            this.portProperty = Objects.requireNonNull(property, "property");
            return this;
        }

        public FakeSmtpExtension build() {
            ServerConfig built = null;
            IllegalArgumentException error = null;
            try {
                built = fixedConfig != null ? fixedConfig : config.build();
            } catch (IllegalArgumentException e) {
                error = e;
            }
            return new FakeSmtpExtension(new Settings(
                    name,
                    built,
                    error,
                    rules,
                    dispatcher,
                    true,
                    failOnViolations,
                    failOnUnfiredRules,
                    hostProperty,
                    portProperty));
        }
    }
}
