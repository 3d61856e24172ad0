-- How far each replica's consumers have read connectnow.connection (docs/presence.md, "Instance failure"): the
-- event time through which every partition that is behind has been applied, null when all are caught up.
-- Published by each replica's lease check; rows not published within a lease belong to replicas that are gone.
CREATE TABLE connection_readers (
    reader_id    UUID        PRIMARY KEY,
    read_through TIMESTAMPTZ,
    reported_at  TIMESTAMPTZ NOT NULL
);
