-- The compatible-agents search's candidates (docs/social.md, "Compatible agents"): on each shard, the
-- agents sharing an interest with the seeker that were active on the latest days, a bounded set to
-- score:
--   WHERE interests && ? AND status = 'active' AND id <> ? AND id NOT IN (...)
--   ORDER BY active_on DESC, id DESC LIMIT ?            (SocialSettings.compatibleCandidates)
-- When many agents share an interest the plan walks this index and stops after the limit; when few
-- do, the planner takes the GIN of interests (agent_interests_gin) and sorts them.
--
-- The order is by day, not by last_active_at itself: last_active_at moves with every interaction an
-- agent initiates, and an index on it would make each of those updates a non-HOT one that also
-- inserts into the GIN of interests (its pending list then slows every search; measured at 1M
-- agents). active_on changes at most once a day per agent, so the other updates of the day keep
-- every index untouched.
ALTER TABLE agent ADD COLUMN active_on date
    GENERATED ALWAYS AS ((last_active_at AT TIME ZONE 'UTC')::date) STORED;
CREATE INDEX agent_active_recent ON agent (active_on DESC, id DESC) WHERE status = 'active';
