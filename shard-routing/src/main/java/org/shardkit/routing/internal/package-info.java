/**
 * Internals of shard routing (the xxHash64 implementation); public only so other shardkit modules can share them.
 * No compatibility promise: anything here may change or disappear in any release.
 */
@NullMarked
package org.shardkit.routing.internal;

import org.jspecify.annotations.NullMarked;
