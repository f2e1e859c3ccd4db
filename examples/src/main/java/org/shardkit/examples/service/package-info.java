/**
 * A small Spring Boot web service over the social repository, wired by shardkit's starter: agent
 * profiles, feeds, friend lists, compatible agents, friend requests and queued interactions as REST
 * endpoints, with Actuator's health (one entry per shard) and Prometheus endpoints. {@link
 * org.shardkit.examples.service.SocialService#main} runs it against embedded PostgreSQL shards it
 * starts itself, seeded with demo data. An example, not a library.
 */
@NullMarked
package org.shardkit.examples.service;

import org.jspecify.annotations.NullMarked;
