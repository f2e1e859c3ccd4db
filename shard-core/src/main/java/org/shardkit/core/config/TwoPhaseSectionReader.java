package org.shardkit.core.config;

import org.jspecify.annotations.Nullable;

/** Binds the {@code twoPhase} section to {@link TwoPhaseConfig.Builder}, which holds every bound. */
final class TwoPhaseSectionReader {
    private TwoPhaseSectionReader() {}

    static @Nullable TwoPhaseConfig read(YamlSection s) {
        TwoPhaseConfig.Builder b = TwoPhaseConfig.builder();
        s.bindBoolean("enabled", b::enabled);
        s.bindText("coordinator", b::coordinator);
        s.bindDuration("recoveryInterval", b::recoveryInterval);
        s.bindDuration("inDoubtGrace", b::inDoubtGrace);
        s.finish();
        return s.build(b::build);
    }
}
