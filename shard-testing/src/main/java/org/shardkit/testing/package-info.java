/**
 * A JUnit 5 test kit that gives a test class N real PostgreSQL shards, each its own server, and a real Redis: embedded by default, external servers or Docker by environment variable.
 */
@NullMarked
package org.shardkit.testing;

import org.jspecify.annotations.NullMarked;
