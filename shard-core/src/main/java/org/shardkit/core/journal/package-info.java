/**
 * A durable local journal for writes acknowledged before they reach the database: a segmented,
 * append-only, checksummed file set in one directory with group commit (one {@code force} for
 * every record queued while the previous one ran), bounded in size so that a full journal is
 * backpressure, and recovered at open with its torn tail and corrupt records reported, never read
 * as data. {@link org.shardkit.core.journal.Journal} is the entry point and documents the format on
 * disk; {@link org.shardkit.core.journal.JournalSettings} its settings.
 */
@NullMarked
package org.shardkit.core.journal;

import org.jspecify.annotations.NullMarked;
