-- channel-service schema. Names of columns follow the public resource fields in snake_case.

-- Projection of workspace-service's workspaces, fed by connectnow.workspace. A deleted workspace stays as a
-- tombstone so that late or replayed events for it change nothing.
CREATE TABLE workspaces (
    workspace_id UUID        PRIMARY KEY,
    owner_id     UUID,
    deleted      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Projection of workspace memberships, the source of every authorization decision here. One row per
-- (workspace, user): the newest membership seen, ordered by (membership_id, revision). A removal leaves the
-- row with removed = true (tombstone) so that a late add of the same or an older membership is ignored.
-- membership_id is null only for the provisional owner row written from workspace.created; any real
-- member event supersedes it.
CREATE TABLE workspace_memberships (
    workspace_id  UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    membership_id UUID,
    revision      BIGINT      NOT NULL,
    role          VARCHAR(16) NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MODERATOR', 'MEMBER', 'GUEST')),
    removed       BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE channels (
    id               UUID          PRIMARY KEY,
    workspace_id     UUID          NOT NULL,
    -- normalized: lowercase, 1-80 of [a-z0-9_-] (Slack's rule)
    name             VARCHAR(80)   NOT NULL CHECK (name ~ '^[a-z0-9_-]{1,80}$'),
    -- varchar(n) counts characters (code points) in a UTF-8 database, as the API does
    description      VARCHAR(1000),
    topic            VARCHAR(250),
    type             VARCHAR(8)    NOT NULL CHECK (type IN ('TEXT', 'VOICE', 'FORUM')),
    is_private       BOOLEAN       NOT NULL DEFAULT FALSE,
    is_archived      BOOLEAN       NOT NULL DEFAULT FALSE,
    position         INTEGER       NOT NULL,
    created_by       UUID          NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    -- written only by the message.created consumer, as max(): never backwards
    last_message_at  TIMESTAMPTZ,
    last_message_seq BIGINT        NOT NULL DEFAULT 0,
    version          BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT channels_workspace_name_uq UNIQUE (workspace_id, name)
);
-- channels of a workspace by position (list, keyset on (position, id)); also serves workspace deletion
CREATE INDEX channels_workspace_position_idx ON channels (workspace_id, position, id);

CREATE TABLE channel_members (
    id                   UUID        PRIMARY KEY,
    channel_id           UUID        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    -- copied from the channel (channels never move) so "my channels in a workspace" has an index
    workspace_id         UUID        NOT NULL,
    user_id              UUID        NOT NULL,
    role                 VARCHAR(8)  NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    is_muted             BOOLEAN     NOT NULL DEFAULT FALSE,
    last_read_at         TIMESTAMPTZ,
    last_read_message_id UUID,
    last_read_seq        BIGINT      NOT NULL DEFAULT 0,
    joined_at            TIMESTAMPTZ NOT NULL,
    -- also serves "my membership in this channel" and the isMember join of the channel list
    CONSTRAINT channel_members_channel_user_uq UNIQUE (channel_id, user_id)
);
-- members of a channel, keyset by id (UUIDv7: join order)
CREATE INDEX channel_members_channel_page_idx ON channel_members (channel_id, id);
-- my memberships in a workspace: unread summary, removal from a workspace
CREATE INDEX channel_members_user_workspace_idx ON channel_members (user_id, workspace_id, channel_id);

-- messageId -> (channel, seq), fed by message.created, so that mark-read can turn a message id into a
-- sequence number without calling message-service. Pruned by age.
CREATE TABLE channel_message_index (
    message_id UUID        PRIMARY KEY,
    channel_id UUID        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    seq        BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX channel_message_index_channel_idx ON channel_message_index (channel_id, seq);
CREATE INDEX channel_message_index_created_idx ON channel_message_index (created_at);
