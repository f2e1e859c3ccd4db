/**
 * Extension points of the cache: {@link org.shardkit.cache.spi.ValueCodec}, how values become the
 * bytes stored in Redis. An implementation's test extends the abstract JUnit 5 contract test {@code
 * org.shardkit.cache.ValueCodecContract}, published in shard-cache's test jar ({@code
 * org.shardkit:shard-cache:<version>:test-jar}, test scope, beside JUnit 5 and AssertJ), and
 * inherits its tests.
 */
@NullMarked
package org.shardkit.cache.spi;

import org.jspecify.annotations.NullMarked;
