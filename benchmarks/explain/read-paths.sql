-- The data and statements of docs/social.md's "Plans on a 1M-agent database": one shard of a
-- 4-shard, 1M-agent database. Run on an empty database holding the repository's migrations:
--   createdb shardkit_reads_explain
--   psql -d shardkit_reads_explain -f repository/src/main/resources/org/shardkit/social/db/V1__social_schema.sql \
--        -f repository/src/main/resources/org/shardkit/social/db/V2__read_paths.sql \
--        -f repository/src/main/resources/org/shardkit/social/db/V3__compatible_candidates.sql \
--        -f repository/src/main/resources/org/shardkit/social/db/V4__interests_gin_direct_inserts.sql \
--        -f benchmarks/explain/read-paths.sql
-- About 3 minutes and 2.4 GB on a 2-core machine.
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
INSERT INTO agent (id, handle, name, personality, interests, bio, status, friend_count, created_at, last_active_at)
SELECT g * 4, 'agent' || g, 'Agent ' || g,
       (ARRAY['analyst','creator','explorer','guardian','helper','leader','mediator','performer'])[1 + (g % 8)],
       ARRAY(SELECT DISTINCT floor(power(1 + random() * (power(1025, 0.1) - 1), 10))::int - 1
             FROM generate_series(1, 3 + (g % 6))),
       'bio', CASE WHEN g % 50 = 0 THEN 'deactivated' ELSE 'active' END, 20,
       now() - interval '365 days' + (g % 1000) * interval '1 hour',
       now() - random() * interval '30 days'
FROM generate_series(1, 250000) g;
INSERT INTO friendship (agent_id, friend_id, status, requested_by, strength_level, interaction_count,
                        last_interaction_at, peer_active, version, created_at, updated_at)
SELECT a.id, f.friend_id,
       CASE WHEN r < 0.90 THEN 'accepted' WHEN r < 0.96 THEN 'pending' WHEN r < 0.99 THEN 'declined' ELSE 'blocked' END,
       CASE WHEN r2 < 0.5 THEN a.id ELSE f.friend_id END,
       (random() * 100)::int, (random() * 50)::int,
       CASE WHEN random() < 0.3 THEN NULL ELSE now() - random() * interval '60 days' END,
       random() > 0.01, 1, now() - random() * interval '300 days', now()
FROM agent a
CROSS JOIN LATERAL (
    SELECT DISTINCT ((a.id * 7919 + j * 104729) % 1000000) + 1 AS friend_id, random() AS r, random() AS r2
    FROM generate_series(1, (random() * 40)::int + (a.id % 1))  j) f
WHERE f.friend_id <> a.id;
INSERT INTO interaction (id, initiator_id, recipient_id, type, content, created_at)
SELECT g, ((g::bigint * 2654435761) % 250000 + 1) * 4, (g::bigint * 40503) % 1000000 + 1, 'message',
       'hello from the seed, a short message of forty', now() - random() * interval '30 days'
FROM generate_series(1, 3000000) g;
INSERT INTO interaction_inbox (id, recipient_id, initiator_id, type, content, created_at)
SELECT g, ((g::bigint * 2654435761) % 250000 + 1) * 4, (g::bigint * 40503) % 1000000 + 1, 'message',
       'hello from the seed, a short message of forty', now() - random() * interval '30 days'
FROM generate_series(1, 3000000) g;
INSERT INTO community (id, name, description, owner_id, member_count, created_at)
SELECT g, 'community ' || g, '', 4, 500, now() FROM generate_series(1, 1000) g;
INSERT INTO community_member (community_id, agent_id, joined_at)
SELECT 1 + (g % 1000), g, now() FROM generate_series(1, 500000) g;
VACUUM ANALYZE;

\pset pager off
\echo ===== friend-ids (feed step 1)
EXPLAIN (ANALYZE, COSTS OFF) SELECT f.friend_id FROM agent a LEFT JOIN friendship f ON f.agent_id = a.id AND f.status = 'accepted' AND f.peer_active WHERE a.id = 400;
\echo ===== feed per shard, 5 friends, first page
EXPLAIN (ANALYZE, COSTS OFF) SELECT i.id, i.initiator_id, i.recipient_id, i.type, i.content, i.created_at, a.name AS author_name, a.personality AS author_personality FROM (SELECT t.id FROM unnest(CAST((SELECT array_agg(friend_id) FROM friendship WHERE agent_id = 400 AND friend_id % 4 = 0) AS bigint[])) AS f(id) CROSS JOIN LATERAL (SELECT id, created_at FROM interaction WHERE initiator_id = f.id  ORDER BY created_at DESC, id DESC LIMIT 21) t ORDER BY t.created_at DESC, t.id DESC LIMIT 21) top JOIN interaction i ON i.id = top.id JOIN agent a ON a.id = i.initiator_id ORDER BY i.created_at DESC, i.id DESC;
\echo ===== feed per shard, 5000 friends, next page
EXPLAIN (ANALYZE, COSTS OFF) SELECT i.id, i.initiator_id, i.recipient_id, i.type, i.content, i.created_at, a.name AS author_name, a.personality AS author_personality FROM (SELECT t.id FROM unnest(CAST((SELECT array_agg(g * 4 + 40000) FROM generate_series(1, 5000) g) AS bigint[])) AS f(id) CROSS JOIN LATERAL (SELECT id, created_at FROM interaction WHERE initiator_id = f.id AND (created_at, id) < (now() - interval '1 day', 0) ORDER BY created_at DESC, id DESC LIMIT 21) t ORDER BY t.created_at DESC, t.id DESC LIMIT 21) top JOIN interaction i ON i.id = top.id JOIN agent a ON a.id = i.initiator_id ORDER BY i.created_at DESC, i.id DESC;
\echo ===== friends by strength, next page
EXPLAIN (ANALYZE, COSTS OFF) SELECT agent_id, friend_id, status, requested_by, blocked_by, strength_level, interaction_count, last_interaction_at, version, created_at, updated_at FROM friendship WHERE agent_id = 400 AND status = 'accepted' AND peer_active AND (strength_level, friend_id) < (50, 999999) ORDER BY strength_level DESC, friend_id DESC LIMIT 21;
\echo ===== friends by recent interaction, next page
EXPLAIN (ANALYZE, COSTS OFF) SELECT agent_id, friend_id, status, requested_by, blocked_by, strength_level, interaction_count, last_interaction_at, version, created_at, updated_at FROM friendship WHERE agent_id = 400 AND status = 'accepted' AND peer_active AND (COALESCE(last_interaction_at, '-infinity'::timestamptz), friend_id) < (CAST('2026-11-20T00:00:00Z' AS timestamptz), 999999) ORDER BY COALESCE(last_interaction_at, '-infinity'::timestamptz) DESC, friend_id DESC LIMIT 21;
\echo ===== friend requests received, first page
EXPLAIN (ANALYZE, COSTS OFF) SELECT agent_id, friend_id, status, requested_by, blocked_by, strength_level, interaction_count, last_interaction_at, version, created_at, updated_at FROM friendship WHERE agent_id = 498928 AND status = 'pending' AND peer_active AND requested_by <> agent_id ORDER BY created_at DESC, friend_id DESC LIMIT 21;
\echo ===== compatible agents, top 20 of one shard
EXPLAIN (ANALYZE, COSTS OFF) SELECT id, handle, name, personality, interests, bio, status, friend_count, created_at, last_active_at, score FROM (SELECT a.*, 0.3 * (CAST('{0.5,0.6,0.6,0.8,0.6,0.7,0.9,0.6}' AS float8[]))[array_position(CAST('{analyst,creator,explorer,guardian,helper,leader,mediator,performer}' AS text[]), a.personality)] + 0.5 * (o.common / (5 + cardinality(a.interests) - o.common)) + 0.2 * (168.0 / (168.0 + GREATEST(0, floor(extract(epoch FROM (CAST(now() AS timestamptz) - a.last_active_at)) / 3600))::float8)) AS score FROM (SELECT * FROM agent c WHERE c.interests && CAST('{0,3,17,99,445}' AS integer[]) AND c.status = 'active' AND c.id <> 400 AND c.id NOT IN (SELECT unnest(CAST((SELECT array_agg(friend_id) FROM friendship WHERE agent_id = 400 AND friend_id % 4 = 0) AS bigint[]))) ORDER BY c.active_on DESC, c.id DESC LIMIT 1000) a CROSS JOIN LATERAL (SELECT count(*)::float8 AS common FROM unnest(a.interests) x WHERE x = ANY(CAST('{0,3,17,99,445}' AS integer[]))) o) a ORDER BY score DESC, id LIMIT 20;
\echo ===== compatible agents, top 20 of one shard, a seeker of rare interests only
EXPLAIN (ANALYZE, COSTS OFF) SELECT id, handle, name, personality, interests, bio, status, friend_count, created_at, last_active_at, score FROM (SELECT a.*, 0.3 * (CAST('{0.5,0.6,0.6,0.8,0.6,0.7,0.9,0.6}' AS float8[]))[array_position(CAST('{analyst,creator,explorer,guardian,helper,leader,mediator,performer}' AS text[]), a.personality)] + 0.5 * (o.common / (3 + cardinality(a.interests) - o.common)) + 0.2 * (168.0 / (168.0 + GREATEST(0, floor(extract(epoch FROM (CAST(now() AS timestamptz) - a.last_active_at)) / 3600))::float8)) AS score FROM (SELECT * FROM agent c WHERE c.interests && CAST('{700,850,1000}' AS integer[]) AND c.status = 'active' AND c.id <> 400 AND c.id NOT IN (SELECT unnest(CAST((SELECT array_agg(friend_id) FROM friendship WHERE agent_id = 400 AND friend_id % 4 = 0) AS bigint[]))) ORDER BY c.active_on DESC, c.id DESC LIMIT 1000) a CROSS JOIN LATERAL (SELECT count(*)::float8 AS common FROM unnest(a.interests) x WHERE x = ANY(CAST('{700,850,1000}' AS integer[]))) o) a ORDER BY score DESC, id LIMIT 20;
\echo ===== compatible agents: exclusions of the seeker
EXPLAIN (ANALYZE, COSTS OFF) SELECT friend_id FROM friendship WHERE agent_id = 400 AND status IN ('accepted', 'blocked');
\echo ===== inbox, next page
EXPLAIN (ANALYZE, COSTS OFF) SELECT id, initiator_id, recipient_id, type, content, created_at FROM interaction_inbox WHERE recipient_id = 400 AND (created_at, id) < (now() - interval '3 days', 0) ORDER BY created_at DESC, id DESC LIMIT 21;
\echo ===== community members, next page
EXPLAIN (ANALYZE, COSTS OFF) SELECT agent_id FROM community_member WHERE community_id = 7 AND agent_id > 100000 ORDER BY agent_id LIMIT 21;
