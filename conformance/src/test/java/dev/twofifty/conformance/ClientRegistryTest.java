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
}
