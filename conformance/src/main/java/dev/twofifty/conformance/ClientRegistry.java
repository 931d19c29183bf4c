package dev.twofifty.conformance;

import dev.twofifty.conformance.adapters.AngusMailAdapter;
import dev.twofifty.conformance.adapters.CommonsEmailAdapter;
import dev.twofifty.conformance.adapters.CommonsNetAdapter;
import dev.twofifty.conformance.adapters.SimpleJavaMailAdapter;
import dev.twofifty.conformance.adapters.SpringMailAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The built-in Java clients by name, for the command line's {@code --client NAME} and for tools that
 * let users pick a client by name. Names are lower case and matched ignoring case.
 *
 * <p>An adapter joins the built-in clients with one line in {@link #BUILT_IN}; a program can add its own
 * with {@link #with}, which returns a new registry (registries are immutable).
 *
 * <pre>{@code
 * ClientAdapter client = ClientRegistry.builtIn().create("angus-hardened").orElseThrow();
 * }</pre>
 */
public final class ClientRegistry {

    /**
     * One named client.
     *
     * @param name the name users give, for example {@code angus}: lower case letters, digits, {@code -} and {@code .}
     * @param description one line for listings
     * @param factory makes a new adapter for a run
     * @param requiredClass a class of the client library that must be on the class path for the client to run
     *     (the adapters' libraries are optional dependencies), or {@code null} when nothing extra is needed
     * @param library the Maven coordinates to name when {@code requiredClass} is missing
     */
    public record Entry(
            String name,
            String description,
            Supplier<? extends ClientAdapter> factory,
            String requiredClass,
            String library) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(factory, "factory");
            if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
                throw new IllegalArgumentException(
                        "A client name is lower case letters, digits, '-' and '.', but was '" + name + "'");
            }
            if (requiredClass != null) {
                Objects.requireNonNull(library, "library");
            }
        }

        /** A client that needs nothing beyond the conformance module. */
        public Entry(String name, String description, Supplier<? extends ClientAdapter> factory) {
            this(name, description, factory, null, null);
        }

        /** Whether the client library is on the class path. */
        public boolean available() {
            if (requiredClass == null) {
                return true;
            }
            try {
                Class.forName(requiredClass, false, ClientRegistry.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        /**
         * A new adapter.
         *
         * @throws IllegalStateException when the client library is not on the class path
         */
        public ClientAdapter create() {
            if (!available()) {
                throw new IllegalStateException("The client '" + name + "' needs " + library
                        + " on the class path (the conformance module's client libraries are optional dependencies)");
            }
            return Objects.requireNonNull(factory.get(), () -> "the factory of " + name + " returned null");
        }
    }

    /** The clients that come with TwoFifty, in the order listings show them. Add new adapters here. */
    // Lambdas, not constructor references: an adapter's class, and its library, load only when it is created.
    private static final List<Entry> BUILT_IN = List.of(
            new Entry(
                    "angus",
                    "Eclipse Angus Mail (Jakarta Mail) with its library defaults",
                    () -> new AngusMailAdapter(AngusMailAdapter.Profile.DEFAULTS)),
            new Entry(
                    "angus-hardened",
                    "Eclipse Angus Mail configured for safety: STARTTLS required when asked, identity checked,"
                            + " QUIT on a rejected greeting",
                    () -> new AngusMailAdapter(AngusMailAdapter.Profile.HARDENED)),
            new Entry(
                    "spring",
                    "Spring's JavaMailSenderImpl with its defaults (Angus Mail underneath)",
                    () -> new SpringMailAdapter(),
                    "org.springframework.mail.javamail.JavaMailSenderImpl",
                    "org.springframework:spring-context-support"),
            new Entry(
                    "commons-net",
                    "Apache Commons Net AuthenticatingSMTPClient, driven command by command",
                    () -> new CommonsNetAdapter(),
                    "org.apache.commons.net.smtp.AuthenticatingSMTPClient",
                    "commons-net:commons-net"),
            new Entry(
                    "simple-java-mail",
                    "Simple Java Mail's Mailer with its defaults",
                    () -> new SimpleJavaMailAdapter(),
                    "org.simplejavamail.mailer.MailerBuilder",
                    "org.simplejavamail:simple-java-mail"),
            new Entry(
                    "commons-email",
                    "Apache Commons Email (Jakarta) with its defaults",
                    () -> new CommonsEmailAdapter(),
                    "org.apache.commons.mail2.jakarta.Email",
                    "org.apache.commons:commons-email2-jakarta"));

    private static final ClientRegistry BUILT_IN_REGISTRY = new ClientRegistry(BUILT_IN);

    private final List<Entry> entries;

    private ClientRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The built-in clients. */
    public static ClientRegistry builtIn() {
        return BUILT_IN_REGISTRY;
    }

    /** A registry with one more client; the name must be new. */
    public ClientRegistry with(Entry entry) {
        if (entry(entry.name()).isPresent()) {
            throw new IllegalArgumentException("A client named '" + entry.name() + "' is already registered");
        }
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new ClientRegistry(more);
    }

    /** A registry with one more client. */
    public ClientRegistry with(String name, String description, Supplier<? extends ClientAdapter> factory) {
        return with(new Entry(name, description, factory));
    }

    /** Every client, in registration order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Every name, in registration order. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** The client with this name, ignoring case. */
    public Optional<Entry> entry(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return entries.stream().filter(entry -> entry.name().equals(wanted)).findFirst();
    }

    /** A new adapter for the client with this name, ignoring case. */
    public Optional<ClientAdapter> create(String name) {
        return entry(name).map(Entry::create);
    }
}
