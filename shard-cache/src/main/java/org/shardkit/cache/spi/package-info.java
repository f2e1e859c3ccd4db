/**
 * Extension points of the cache: {@link org.shardkit.cache.spi.ValueCodec}, how values become the
 * bytes stored in Redis. Implementations are checked by the abstract contract test in the test
 * sources ({@code ValueCodecContract}).
 */
@NullMarked
package org.shardkit.cache.spi;

import org.jspecify.annotations.NullMarked;
