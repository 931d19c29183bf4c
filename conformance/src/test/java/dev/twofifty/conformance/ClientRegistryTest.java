package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

    @Test
    void the_angus_profiles_are_built_in_and_found_ignoring_case() {
        ClientRegistry registry = ClientRegistry.builtIn();

        assertThat(registry.names()).startsWith("angus", "angus-hardened");
        assertThat(registry.create("angus").orElseThrow().name()).isEqualTo("angus-mail (defaults)");
        assertThat(registry.create(" Angus-Hardened ").orElseThrow().name()).isEqualTo("angus-mail (hardened)");
        assertThat(registry.create("angus").orElseThrow())
                .as("a new adapter each time")
                .isNotSameAs(registry.create("angus").orElseThrow());
        assertThat(registry.create("nope")).isEmpty();
        assertThat(registry.entries())
                .allSatisfy(entry -> assertThat(entry.description()).isNotBlank());
    }

    @Test
    void a_program_adds_its_own_clients_to_a_copy() {
        ClientRegistry mine =
                ClientRegistry.builtIn().with("polite", "a scripted client", () -> ScriptedClient.polite("QUIT"));

        assertThat(mine.names()).endsWith("polite");
        assertThat(mine.create("POLITE").orElseThrow().features()).isEqualTo(Set.of());
        assertThat(ClientRegistry.builtIn().names()).doesNotContain("polite");
        assertThatThrownBy(() -> mine.with("angus", "again", () -> ScriptedClient.polite("QUIT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A client named 'angus' is already registered");
        assertThatThrownBy(() -> mine.with("Bad Name", "x", () -> ScriptedClient.polite("QUIT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 'Bad Name'");
    }

    @Test
    void every_adapter_of_the_module_is_built_in_and_runs_when_its_library_is_there() {
        ClientRegistry registry = ClientRegistry.builtIn();

        assertThat(registry.names())
                .containsExactly(
                        "angus", "angus-hardened", "spring", "commons-net", "simple-java-mail", "commons-email");
        // The test class path has every optional client library.
        assertThat(registry.entries())
                .allSatisfy(
                        entry -> assertThat(entry.available()).as(entry.name()).isTrue());
        assertThat(registry.create("spring").orElseThrow().name()).isEqualTo("spring-javamail (defaults)");
        assertThat(registry.create("commons-net").orElseThrow().name()).isEqualTo("commons-net (defaults)");
        assertThat(registry.create("simple-java-mail").orElseThrow().name()).isEqualTo("simple-java-mail (defaults)");
        assertThat(registry.create("commons-email").orElseThrow().name()).isEqualTo("commons-email (defaults)");
    }

    @Test
    void a_client_whose_library_is_missing_says_which_library_to_add() {
        ClientRegistry.Entry missing = new ClientRegistry.Entry(
                "absent",
                "a client whose library is not on the class path",
                () -> ScriptedClient.polite("QUIT"),
                "org.example.absent.Client",
                "org.example:absent-client");

        assertThat(missing.available()).isFalse();
        assertThatThrownBy(missing::create)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The client 'absent' needs org.example:absent-client on the class path (the conformance"
                        + " module's client libraries are optional dependencies)");
    }
}
