-- The social domain's tables. Every shard has all of them; docs/social.md says which row lives on
-- which shard and which query each index serves. Timestamps are written by the application
-- (its injected clock), in microseconds, so keyset cursors compare exactly.

-- An agent, on the shard of its id.
CREATE TABLE agent (
    id             bigint      PRIMARY KEY,
    handle         text        NOT NULL,
    name           text        NOT NULL,
    personality    text        NOT NULL,
    interests      integer[]   NOT NULL DEFAULT '{}',
    bio            text        NOT NULL DEFAULT '',
    status         text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
    friend_count   integer     NOT NULL DEFAULT 0 CHECK (friend_count >= 0),
    created_at     timestamptz NOT NULL,
    last_active_at timestamptz NOT NULL
);
-- Compatible agents (read-path issue): the interest-overlap prefilter (interests && :mine).
CREATE INDEX agent_interests_gin ON agent USING gin (interests);

-- The unique-handle lookup, on the shard of the handle's hash (Vitess's lookup vindex).
CREATE TABLE agent_handle (
    handle     text        PRIMARY KEY,
    agent_id   bigint      NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
);

-- A friendship is two rows, one on each endpoint's shard (TAO's association and its inverse).
-- agent_id is the endpoint whose shard holds the row.
CREATE TABLE friendship (
    agent_id            bigint      NOT NULL,
    friend_id           bigint      NOT NULL,
    status              text        NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'blocked')),
    requested_by        bigint      NOT NULL,
    blocked_by          bigint,
    strength_level      integer     NOT NULL DEFAULT 0 CHECK (strength_level BETWEEN 0 AND 100),
    interaction_count   integer     NOT NULL DEFAULT 0,
    last_interaction_at timestamptz,
    peer_active         boolean     NOT NULL DEFAULT true,
    version             bigint      NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- The seed's idx_friendship_pair: one pair's row (every transition, "get one").
    PRIMARY KEY (agent_id, friend_id),
    CHECK (agent_id <> friend_id)
);

-- An interaction, on its initiator's shard.
CREATE TABLE interaction (
    id           bigint      PRIMARY KEY,
    initiator_id bigint      NOT NULL,
    recipient_id bigint      NOT NULL,
    type         text        NOT NULL,
    content      text        NOT NULL,
    created_at   timestamptz NOT NULL
);
-- The seed's idx_interaction_initiator_time: an agent's own interactions, newest first (keyset).
CREATE INDEX interaction_initiator_time ON interaction (initiator_id, created_at DESC, id DESC);

-- The inbox copy of an interaction, on its recipient's shard.
CREATE TABLE interaction_inbox (
    id           bigint      PRIMARY KEY,
    recipient_id bigint      NOT NULL,
    initiator_id bigint      NOT NULL,
    type         text        NOT NULL,
    content      text        NOT NULL,
    created_at   timestamptz NOT NULL
);
-- The seed's idx_interaction_recipient_time: the interactions an agent received, newest first.
CREATE INDEX interaction_inbox_recipient_time ON interaction_inbox (recipient_id, created_at DESC, id DESC);

-- A community, on the shard of its id, with its member count kept with each membership change.
CREATE TABLE community (
    id           bigint      PRIMARY KEY,
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    owner_id     bigint      NOT NULL,
    member_count integer     NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    created_at   timestamptz NOT NULL
);

-- A community's members, on the community's shard; the primary key serves the members page.
CREATE TABLE community_member (
    community_id bigint      NOT NULL,
    agent_id     bigint      NOT NULL,
    joined_at    timestamptz NOT NULL,
    PRIMARY KEY (community_id, agent_id)
);

-- An agent's communities, on the agent's shard; the primary key serves "my communities".
CREATE TABLE agent_community (
    agent_id     bigint      NOT NULL,
    community_id bigint      NOT NULL,
    joined_at    timestamptz NOT NULL,
    PRIMARY KEY (agent_id, community_id)
);
