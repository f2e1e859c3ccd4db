-- The GIN of interests (agent_interests_gin) takes its inserts directly, without a pending list.
-- With the default (fastupdate = on) new entries wait in an unsorted pending list until a vacuum or
-- 4 MB of them, and every compatible-agents search that uses the GIN scans that list in full: at 1M
-- agents, a few minutes of the mixed load run left about 5,000 entries per shard there. Entries
-- arrive when an agent is created and when an update of its row cannot stay heap-only (no room on
-- its page, or active_on or status changed), far less often than searches.
-- Entries already pending move into the index at the next vacuum.
ALTER INDEX agent_interests_gin SET (fastupdate = off);
