/**
 * 64-bit snowflake-style ID generation: layout, generator, decoding and worker-id assignment. Pure Java; no JDBC or Redis types.
 */
@NullMarked
package org.shardkit.idgen;

import org.jspecify.annotations.NullMarked;
