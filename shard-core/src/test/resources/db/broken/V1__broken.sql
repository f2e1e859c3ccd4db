CREATE TABLE broken_one (id bigint);
CREATE TABLE broken_one (id bigint);
