/**
 * Server implementations behind the test kit's public handles. Internal: no compatibility promise;
 * these types may change or disappear in any release.
 */
@NullMarked
package org.shardkit.testing.internal;

import org.jspecify.annotations.NullMarked;
