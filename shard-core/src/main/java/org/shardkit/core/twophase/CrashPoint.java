package org.shardkit.core.twophase;

/**
 * FOR TESTS: the moments of a unit at which a test may step in, through a {@link Hook} given to
 * {@link TwoPhaseCommit}'s package-private factory. A hook that throws makes the coordinator abandon
 * the unit on the spot, as if the process had died: prepared transactions and the decision row stay
 * as they are (open, unprepared transactions are rolled back, as a dropped connection would be),
 * and the hook's exception is thrown to the caller. A hook that returns lets the unit go on (a test
 * may stop a server, or run a recovery pass, in between).
 */
enum CrashPoint {
    /** The first shard has prepared; the others have not. */
    AFTER_FIRST_PREPARE,
    /** Every shard has prepared; no decision yet. */
    AFTER_ALL_PREPARED,
    /** The commit decision is recorded; no shard has committed. */
    AFTER_DECISION,
    /** The first shard has committed its prepared transaction; the others have not. */
    AFTER_FIRST_COMMIT;

    /** What a test runs at each crash point. */
    @FunctionalInterface
    interface Hook {
        /** Does nothing: production's hook. */
        Hook NONE = (point, globalId) -> {};

        /**
         * Called when a unit reaches a point.
         *
         * @param point where the unit is
         * @param globalId the unit
         */
        void reached(CrashPoint point, String globalId);
    }
}
