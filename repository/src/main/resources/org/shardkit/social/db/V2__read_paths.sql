-- The read paths' indexes (docs/social.md, "Read paths", shows each query's plan). Each one serves the
-- queries named above it and nothing else; every index costs every write of its table.

-- FriendLists, order STRENGTH: an agent's accepted, visible friends, strongest first, keyset on
-- (strength_level, friend_id):
--   WHERE agent_id = ? AND status = 'accepted' AND peer_active [AND (strength_level, friend_id) < (?, ?)]
--   ORDER BY strength_level DESC, friend_id DESC LIMIT ?
-- (FeedReader's friend ids may come from either accepted index, index-only.)
-- The seed's idx_friendship_strength, made partial: rows of other states are never listed by strength.
CREATE INDEX friendship_accepted_strength ON friendship (agent_id, strength_level DESC, friend_id DESC)
    WHERE status = 'accepted' AND peer_active;

-- FriendLists, order RECENT: the same friends, most recent interaction first, never-interacted last
-- (-infinity), keyset on (that time, friend_id):
--   WHERE agent_id = ? AND status = 'accepted' AND peer_active
--     [AND (COALESCE(last_interaction_at, '-infinity'), friend_id) < (?, ?)]
--   ORDER BY COALESCE(last_interaction_at, '-infinity') DESC, friend_id DESC LIMIT ?
-- The seed's idx_friendship_activity.
CREATE INDEX friendship_accepted_recent ON friendship
    (agent_id, (COALESCE(last_interaction_at, '-infinity'::timestamptz)) DESC, friend_id DESC)
    WHERE status = 'accepted' AND peer_active;

-- FriendLists, pending requests an agent sent, newest first, keyset on (created_at, friend_id):
--   WHERE agent_id = ? AND status = 'pending' AND peer_active AND requested_by = agent_id
--     [AND (created_at, friend_id) < (?, ?)] ORDER BY created_at DESC, friend_id DESC LIMIT ?
CREATE INDEX friendship_requests_sent ON friendship (agent_id, created_at DESC, friend_id DESC)
    WHERE status = 'pending' AND peer_active AND requested_by = agent_id;

-- FriendLists, pending requests an agent received: the same with requested_by <> agent_id.
CREATE INDEX friendship_requests_received ON friendship (agent_id, created_at DESC, friend_id DESC)
    WHERE status = 'pending' AND peer_active AND requested_by <> agent_id;
