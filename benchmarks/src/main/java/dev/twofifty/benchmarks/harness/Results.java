package dev.twofifty.benchmarks.harness;

import dev.twofifty.benchmarks.harness.Stats.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every value a run measured, by figure, server and repetition, and every problem it met. A value is
 * kept even when its run had a problem; the figure is flagged instead, so that nothing is averaged
 * away.
 */
final class Results {

    /**
     * Something that went wrong: a count that did not match, a client that failed, a server that died.
     *
     * @param server the server concerned
     * @param figures the figures concerned; none when a whole phase failed
     * @param repetition the repetition, from 1
     * @param message what happened, with the numbers
     * @param countMismatch whether the server stored other than what was sent
     */
    record Problem(ServerKind server, List<Figure> figures, int repetition, String message, boolean countMismatch) {}

    private final int repetitions;
    private final Map<Figure, Map<ServerKind, double[]>> values = new EnumMap<>(Figure.class);
    private final Map<Figure, Set<ServerKind>> flagged = new EnumMap<>(Figure.class);
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Results(int repetitions) {
        this.repetitions = repetitions;
    }

    synchronized void record(Figure figure, ServerKind server, int repetition, double value) {
        values.computeIfAbsent(figure, f -> new EnumMap<>(ServerKind.class))
                .computeIfAbsent(server, s -> emptyRepetitions())[repetition] = value;
    }

    private double[] emptyRepetitions() {
        double[] empty = new double[repetitions];
        Arrays.fill(empty, Double.NaN);
        return empty;
    }

    /** Records a problem and flags its figures for this server. */
    void problem(ServerKind server, int repetition, String message, Figure... figures) {
        add(new Problem(server, List.of(figures), repetition + 1, message, false));
    }

    /** Records that a server stored other than what was sent, and flags the figures measured by that run. */
    void countMismatch(ServerKind server, int repetition, String message, Figure... figures) {
        add(new Problem(server, List.of(figures), repetition + 1, message, true));
    }

    private synchronized void add(Problem problem) {
        problems.add(problem);
        for (Figure figure : problem.figures()) {
            flagged.computeIfAbsent(figure, f -> EnumSet.noneOf(ServerKind.class))
                    .add(problem.server());
        }
    }

    /** Records something the reader should know that is not a failure, such as a figure left out. */
    synchronized void note(String note) {
        notes.add(note);
    }

    synchronized Optional<Summary> summary(Figure figure, ServerKind server) {
        return Summary.of(values(figure, server));
    }

    /**
     * TwoFifty's value divided by the peer's, per repetition (both measured close together in time),
     * summarized over the repetitions. Empty when no repetition has both values, or the peer's value is
     * not above zero (a per-connection figure that came out as noise).
     */
    synchronized Optional<Summary> ratio(Figure figure, ServerKind peer) {
        double[] ours = values(figure, ServerKind.TWOFIFTY);
        double[] theirs = values(figure, peer);
        double[] ratios = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            ratios[i] = theirs[i] > 0 ? ours[i] / theirs[i] : Double.NaN;
        }
        return Summary.of(ratios);
    }

    private double[] values(Figure figure, ServerKind server) {
        return values.getOrDefault(figure, Map.of()).getOrDefault(server, emptyRepetitions());
    }

    synchronized boolean isFlagged(Figure figure, ServerKind server) {
        return flagged.getOrDefault(figure, Set.of()).contains(server);
    }

    synchronized List<Problem> problems() {
        return List.copyOf(problems);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    int repetitions() {
        return repetitions;
    }
}
