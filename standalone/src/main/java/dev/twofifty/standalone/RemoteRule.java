package dev.twofifty.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twofifty.script.ActiveRule;
import dev.twofifty.script.NearMiss;
import dev.twofifty.script.Rule;
import java.util.List;
import java.util.Objects;

/**
 * A rule on a remote server. Its id and rule are values; {@link #timesFired()} and {@link #nearMisses()}
 * are live: each call asks the server ({@code GET /api/rules/{id}}), and fails with a {@link
 * RemoteFakeSmtpException} (status 404) once the rule has been removed there.
 */
final class RemoteRule implements ActiveRule {

    private final RemoteFakeSmtp owner;
    private final String id;
    private final Rule rule;

    RemoteRule(RemoteFakeSmtp owner, String id, Rule rule) {
        this.owner = owner;
        this.id = id;
        this.rule = rule;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Rule rule() {
        return rule;
    }

    /** How many times the rule fired, asked of the server now. */
    @Override
    public int timesFired() {
        return owner.readRule(id, live(), json -> {
            JsonNode times = json.get("timesFired");
            if (!times.isIntegralNumber()) {
                throw new IllegalStateException("timesFired is not a number: " + times);
            }
            return times.asInt();
        });
    }

    /** The closest steps at which the rule did not fire, asked of the server now. */
    @Override
    public List<NearMiss> nearMisses() {
        return owner.readRule(id, live(), json -> RemoteFakeSmtp.nearMissList(json.get("nearMisses")));
    }

    private JsonNode live() {
        try {
            return owner.ruleJson(id);
        } catch (RemoteFakeSmtpException e) {
            if (e.status() == 404) {
                throw new RemoteFakeSmtpException(
                        e.endpoint(),
                        404,
                        "Rule " + id + " is no longer on the server (removed, or the rules were reset), so its counts"
                                + " are gone: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Rules are equal when they are the same rule id of the same client. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteRule that && owner == that.owner && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(owner), id);
    }

    @Override
    public String toString() {
        return id + " " + rule.describe();
    }
}
