package dev.twofifty.internal.engine;

import dev.twofifty.script.Rule;

/** The state of one scenario in one scope; transitions happen while holding the cell's monitor. */
final class ScenarioCell {

    private String state = Rule.STARTED;

    String state() {
        return state;
    }

    void moveTo(String newState) {
        this.state = newState;
    }
}
