/**
 * shard-core's machinery behind its public types. Internal: no compatibility promise; these types
 * may change or disappear in any release.
 */
@NullMarked
package org.shardkit.core.internal;

import org.jspecify.annotations.NullMarked;
