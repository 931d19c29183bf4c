package dev.twofifty.conformance;

/** Decides a case from what was observed: the wire, the timing, the connections and the client's outcome. */
@FunctionalInterface
public interface Oracle {

    Judgement judge(Observation observation);
}
