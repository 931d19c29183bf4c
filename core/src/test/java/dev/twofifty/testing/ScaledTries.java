package dev.twofifty.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Scales the tries of every jqwik property of a container by the system property
 * {@value #FACTOR}: the defaults keep the build fast, and {@code -Dtwofifty.tries.factor=100} runs
 * a hundred times as many examples. Add it with {@code @AddLifecycleHook(ScaledTries.class)}.
 */
public final class ScaledTries implements AroundPropertyHook {

    /** The system property holding the factor, a positive number; 1 when absent. */
    public static final String FACTOR = "twofifty.tries.factor";

    /** Added to a container, it applies to every property in it. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        double factor = factor();
        if (factor != 1.0) {
            context.attributes()
                    .tries()
                    .ifPresent(tries -> context.attributes().setTries((int) Math.max(1, Math.round(tries * factor))));
        }
        return property.execute();
    }

    static double factor() {
        String value = System.getProperty(FACTOR);
        if (value == null || value.isBlank()) {
            return 1.0;
        }
        double factor = Double.parseDouble(value.trim());
        if (!(factor > 0)) {
            throw new IllegalArgumentException(FACTOR + " must be a positive number but was " + value);
        }
        return factor;
    }
}
