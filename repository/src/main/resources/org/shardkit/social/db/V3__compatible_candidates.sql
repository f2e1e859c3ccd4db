-- The compatible-agents search's candidates (docs/social.md, "Compatible agents"): on each shard, its
-- most recently active agents that share an interest with the seeker, a bounded set to score:
--   WHERE interests && ? AND status = 'active' AND id <> ? AND id NOT IN (...)
--   ORDER BY last_active_at DESC, id DESC LIMIT ?            (SocialSettings.compatibleCandidates)
-- When many agents share an interest the plan walks this index and stops after the limit; when few
-- do, the planner takes the GIN of interests (agent_interests_gin) and sorts them. Its cost: moving
-- an agent's last_active_at (each interaction it initiates) updates this index too.
CREATE INDEX agent_active_recent ON agent (last_active_at DESC, id DESC) WHERE status = 'active';
