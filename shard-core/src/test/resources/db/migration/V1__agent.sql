CREATE TABLE migrated_agent (id bigint PRIMARY KEY, name text NOT NULL);
