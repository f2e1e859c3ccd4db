/**
 * The cache's Redis plumbing: the pooled client, the subscriber thread with its reconnect loop and
 * health check, and the invalidation message format. Public only so that {@code org.shardkit.cache}
 * can use it; no compatibility promise: anything here may change or vanish in any release.
 */
@NullMarked
package org.shardkit.cache.internal;

import org.jspecify.annotations.NullMarked;
