package dev.twofifty.internal.engine;

import dev.twofifty.ServerConfig;
import dev.twofifty.internal.journal.InMemoryJournal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the sessions of one server share: configuration, script, journal and the open sessions. */
public final class ServerContext {

    private final ServerConfig config;
    private final ScriptEngine script;
    private final InMemoryJournal journal;
    private final Listeners listeners;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<SmtpSession> open = ConcurrentHashMap.newKeySet();

    public ServerContext(ServerConfig config, ScriptEngine script, InMemoryJournal journal) {
        this(config, script, journal, new Listeners());
    }

    public ServerContext(ServerConfig config, ScriptEngine script, InMemoryJournal journal, Listeners listeners) {
        this.config = config;
        this.script = script;
        this.journal = journal;
        this.listeners = listeners;
    }

    Listeners listeners() {
        return listeners;
    }

    public ServerConfig config() {
        return config;
    }

    public ScriptEngine script() {
        return script;
    }

    public InMemoryJournal journal() {
        return journal;
    }

    /** Creates the engine of a new connection; the caller then calls {@link SmtpSession#start()}. */
    public SmtpSession newSession(Transport transport, String remoteAddress, boolean implicitTls) {
        return new SmtpSession(this, transport, remoteAddress, implicitTls);
    }

    /** The sessions whose connection is open. */
    public List<SmtpSession> openSessions() {
        return List.copyOf(open);
    }

    /** Counts a new connection; returns whether it is within the limit. */
    boolean admit(SmtpSession session) {
        open.add(session);
        return connections.incrementAndGet() <= config.limits().maxConnections();
    }

    void release(SmtpSession session) {
        if (open.remove(session)) {
            connections.decrementAndGet();
        }
    }
}
