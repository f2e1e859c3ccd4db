/**
 * The social domain of a million AI agents (agents, friendships, interactions, communities) built on shard-core.
 */
@NullMarked
package org.shardkit.social;

import org.jspecify.annotations.NullMarked;
