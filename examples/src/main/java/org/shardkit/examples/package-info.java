/**
 * Runnable examples of shardkit; not a library and without compatibility promises.
 */
@NullMarked
package org.shardkit.examples;

import org.jspecify.annotations.NullMarked;
