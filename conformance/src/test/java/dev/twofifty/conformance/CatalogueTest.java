package dev.twofifty.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalogue's own consistency: ids, RFC basis, levels, selection by glob. */
class CatalogueTest {

    @Test
    void every_case_has_a_unique_catalogue_id_an_rfc_basis_and_a_rationale() {
        Set<String> ids = new HashSet<>();
        for (ConformanceCase conformanceCase : Catalogue.all()) {
            assertThat(ids.add(conformanceCase.id()))
                    .as("unique %s", conformanceCase.id())
                    .isTrue();
            assertThat(conformanceCase.id()).matches("[A-Z0-9]+(-[A-Z0-9]+)+");
            assertThat(conformanceCase.rfc())
                    .as(conformanceCase.id())
                    .isNotEmpty()
                    .allMatch(section -> section.matches("RFC \\d+( §[0-9.]+)?"));
            assertThat(conformanceCase.rationale()).as(conformanceCase.id()).isNotBlank();
        }
    }

    @Test
    void cases_are_in_catalogue_phase_order() {
        assertThat(Catalogue.all()).extracting(ConformanceCase::phase).isSorted();
    }

    @Test
    void globs_select_cases_by_id() {
        assertThat(Catalogue.matching("GREET-5*"))
                .extracting(ConformanceCase::id)
                .containsExactly("GREET-554", "GREET-521");
        assertThat(Catalogue.matching("greet-wait, QUIT-*"))
                .extracting(ConformanceCase::id)
                .contains("GREET-WAIT", "QUIT-LAST");
        assertThat(Catalogue.byId("mail-5xx")).isPresent();
        assertThat(Catalogue.matching("NOPE-*")).isEmpty();
    }
}
