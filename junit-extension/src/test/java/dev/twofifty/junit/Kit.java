package dev.twofifty.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link Fixture} classes on the Jupiter engine. */
final class Kit {

    private Kit() {}

    static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.PARAMETER, "true")
                .configurationParameters(configuration)
                .selectors(selectClass(fixture))
                .execute();
        // Failures of fixtures are often the point; print them so an unexpected one is easy to read.
        results.allEvents().failed().stream()
                .forEach(event -> event.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .ifPresent(failure -> {
                            System.err.println("Fixture failure in "
                                    + event.getTestDescriptor().getDisplayName());
                            failure.printStackTrace();
                        }));
        return results;
    }
}
