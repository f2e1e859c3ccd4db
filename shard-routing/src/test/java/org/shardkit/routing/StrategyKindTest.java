package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrategyKindTest {

    private static final String NAMES = "buckets, consistent-hash, hash-modulo, jump, modulo";

    @Test
    void values_declarationOrder_isTheDocumentedOne() {
        assertThat(StrategyKind.values())
                .containsExactly(
                        StrategyKind.MODULO,
                        StrategyKind.HASH_MODULO,
                        StrategyKind.CONSISTENT_HASH,
                        StrategyKind.JUMP,
                        StrategyKind.BUCKETS);
    }

    @Test
    void configName_everyKind_isItsOneName() {
        assertThat(Arrays.stream(StrategyKind.values()).map(StrategyKind::configName))
                .containsExactly("modulo", "hash-modulo", "consistent-hash", "jump", "buckets");
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void fromName_configName_roundTrips(StrategyKind kind) {
        assertThat(StrategyKind.fromName(kind.configName())).isSameAs(kind);
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void fromName_otherCaseAndSurroundingWhitespace_sameKind(StrategyKind kind) {
        assertThat(StrategyKind.fromName(kind.configName().toUpperCase(Locale.ROOT)))
                .isSameAs(kind);
        assertThat(StrategyKind.fromName("  \t" + capitalised(kind.configName()) + " \n"))
                .isSameAs(kind);
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void toString_everyKind_isConfigName(StrategyKind kind) {
        assertThat(kind).hasToString(kind.configName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring", "topology", "consistent_hash", "hash modulo", "jumps", "CONSISTENT_HASH"})
    void fromName_unknownName_throwsListingNamesAndValue(String name) {
        assertThatThrownBy(() -> StrategyKind.fromName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy must be one of " + NAMES + ", but was '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void fromName_blankName_throwsQuotingValue(String name) {
        assertThatThrownBy(() -> StrategyKind.fromName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy must be one of " + NAMES + ", but was '" + name + "'");
    }

    @ParameterizedTest
    @NullSource
    void fromName_null_throwsSayingNull(String name) {
        assertThatThrownBy(() -> StrategyKind.fromName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy must be one of " + NAMES + ", but was null");
    }

    @Test
    void names_allFive_sortedAndCommaSeparated() {
        assertThat(StrategyKind.names()).isEqualTo(NAMES);
        assertThat(StrategyKind.names().split(", "))
                .hasSize(StrategyKind.values().length)
                .isSorted()
                .containsExactlyInAnyOrder(Arrays.stream(StrategyKind.values())
                        .map(StrategyKind::configName)
                        .toArray(String[]::new));
    }

    private static String capitalised(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
