-- presence-service schema. Columns of user_presence that clients see follow the resource fields in snake_case;
-- the others are the inputs of the status machine (see docs/presence.md).

-- One row per user who ever had a socket or set a status; a user without a row is OFFLINE.
CREATE TABLE user_presence (
    id                    UUID         PRIMARY KEY,
    user_id               UUID         NOT NULL UNIQUE,
    -- what clients see (GET /api/presence, presence.updated)
    status                VARCHAR(8)   NOT NULL CHECK (status IN ('ONLINE', 'AWAY', 'BUSY', 'OFFLINE')),
    -- varchar(n) counts characters (code points) in a UTF-8 database, as the API does
    status_text           VARCHAR(100),
    last_active_at        TIMESTAMPTZ,
    -- the live sockets (mirror of presence_sockets, kept in the same transaction); never leaves the service
    socket_ids            UUID[]       NOT NULL DEFAULT '{}',
    -- what the user chose with PUT /api/presence/me: ONLINE (automatic ONLINE/AWAY) or BUSY (sticks)
    chosen_status         VARCHAR(8)   NOT NULL DEFAULT 'ONLINE' CHECK (chosen_status IN ('ONLINE', 'BUSY')),
    -- newest activity seen (connect, ACTIVITY, PUT); drives AWAY; only moves forward
    last_activity_at      TIMESTAMPTZ,
    -- when the last socket went away (by a disconnect); lastActiveAt of an ONLINE/BUSY user going OFFLINE
    last_socket_closed_at TIMESTAMPTZ,
    -- set (service clock) when a disconnect left no socket: OFFLINE is published once the grace has passed
    offline_pending_since TIMESTAMPTZ,
    version               BIGINT       NOT NULL DEFAULT 0,
    updated_at            TIMESTAMPTZ  NOT NULL
);
-- the AWAY timer: ONLINE users by last activity
CREATE INDEX user_presence_away_due_idx ON user_presence (last_activity_at) WHERE status = 'ONLINE';
-- the offline grace timer
CREATE INDEX user_presence_offline_due_idx ON user_presence (offline_pending_since)
    WHERE offline_pending_since IS NOT NULL;

-- Realtime instances and their leases. A row outlives its instance (state EXPIRED/STOPPED) so that late or
-- replayed events of a dead instance cannot bring its sockets back.
CREATE TABLE realtime_instances (
    instance_id      VARCHAR(200) PRIMARY KEY,
    state            VARCHAR(8)   NOT NULL CHECK (state IN ('LIVE', 'EXPIRED', 'STOPPED')),
    -- from the newest heartbeat applied (the instance's clock); null while the lease is provisional
    started_at       TIMESTAMPTZ,
    last_sent_at     TIMESTAMPTZ,
    interval_ms      BIGINT,
    -- service clock: the instance is dead when this passes without a newer heartbeat
    lease_expires_at TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX realtime_instances_lease_idx ON realtime_instances (lease_expires_at) WHERE state = 'LIVE';
CREATE INDEX realtime_instances_retired_idx ON realtime_instances (updated_at) WHERE state <> 'LIVE';

-- Every socket seen, live (closed_reason null) or closed. A closed row is a tombstone: DISCONNECTED is final
-- (a socket id is never reused), ABSENT (left out of a heartbeat, or connected to an instance that could not
-- be confirmed alive) and EXPIRED (its instance's lease ran out) are undone by a newer heartbeat that lists
-- the socket.
CREATE TABLE presence_sockets (
    socket_id     UUID         PRIMARY KEY,
    user_id       UUID         NOT NULL,
    instance_id   VARCHAR(200) NOT NULL,
    connected_at  TIMESTAMPTZ,
    closed_at     TIMESTAMPTZ,
    closed_reason VARCHAR(12)  CHECK (closed_reason IN ('DISCONNECTED', 'ABSENT', 'EXPIRED')),
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX presence_sockets_user_live_idx ON presence_sockets (user_id) WHERE closed_reason IS NULL;
CREATE INDEX presence_sockets_instance_live_idx ON presence_sockets (instance_id) WHERE closed_reason IS NULL;
CREATE INDEX presence_sockets_closed_idx ON presence_sockets (updated_at) WHERE closed_reason IS NOT NULL;

-- Projection of workspace-service's workspaces: member counts (fan-out threshold) and deletion tombstones.
CREATE TABLE workspaces (
    workspace_id UUID        PRIMARY KEY,
    member_count INTEGER     NOT NULL DEFAULT 0,
    deleted      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- Projection of workspace memberships (who shares a workspace with whom), ordered by (membership_id,
-- revision) as MembershipOrdering rules; a removal stays as a tombstone.
CREATE TABLE workspace_memberships (
    workspace_id  UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    membership_id UUID        NOT NULL,
    revision      BIGINT      NOT NULL,
    removed       BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
-- a user's workspaces (routing fields, visibility: the caller's side of the join)
CREATE INDEX workspace_memberships_user_idx ON workspace_memberships (user_id, workspace_id) WHERE NOT removed;

-- Projection of dm-service's conversations: one row per direction, so "may A see B" is one index lookup.
CREATE TABLE dm_partners (
    user_id         UUID        NOT NULL,
    partner_id      UUID        NOT NULL,
    conversation_id UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, partner_id)
);
