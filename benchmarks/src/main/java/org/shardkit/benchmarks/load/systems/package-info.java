/**
 * The four systems under test of the load harness (issue 15), behind {@link
 * org.shardkit.benchmarks.load.systems.LoadSystems}: shardkit's repository, the seed's original code
 * translated to JDBC, one unsharded PostgreSQL server, and ShardingSphere-JDBC, all over the same
 * schema and data, answering with ids so that their answers can be compared.
 */
@NullMarked
package org.shardkit.benchmarks.load.systems;

import org.jspecify.annotations.NullMarked;
