-- message-service schema. Column names follow the public resource fields in snake_case.

-- ----- projections fed by other contexts' events (never written by requests) -----

-- connectnow.workspace: workspaces (a deleted one stays as a tombstone) and memberships, applied with
-- MembershipOrdering: one row per (workspace, user) holding the newest (membership_id, revision) seen;
-- removed = true is a tombstone that only a newer membership lifts.
CREATE TABLE workspaces (
    workspace_id UUID        PRIMARY KEY,
    deleted      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE workspace_memberships (
    workspace_id  UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    membership_id UUID        NOT NULL,
    revision      BIGINT      NOT NULL,
    role          VARCHAR(16) NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MODERATOR', 'MEMBER', 'GUEST')),
    removed       BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

-- connectnow.channel: what authorization and SYSTEM messages need. A deleted channel stays as a tombstone
-- (its messages answer 404). last_seq is the per-channel message counter: a post increments it in its own
-- transaction (UPDATE ... RETURNING), so seqs have no gap and no duplicate, and a rollback gives the
-- number back.
CREATE TABLE channels (
    id           UUID        PRIMARY KEY,
    workspace_id UUID        NOT NULL,
    name         VARCHAR(80),
    topic        VARCHAR(250),
    is_private   BOOLEAN     NOT NULL,
    is_archived  BOOLEAN     NOT NULL DEFAULT FALSE,
    is_deleted   BOOLEAN     NOT NULL DEFAULT FALSE,
    last_seq     BIGINT      NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- channel memberships with their channel role; PK serves "my role in this channel" and mention lookups
CREATE TABLE channel_members (
    channel_id UUID       NOT NULL REFERENCES channels (id),
    user_id    UUID       NOT NULL,
    role       VARCHAR(8) NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    PRIMARY KEY (channel_id, user_id)
);

-- connectnow.user: usernames, to resolve @mentions (usernames are stored lower-case by auth-service)
CREATE TABLE users (
    user_id    UUID        PRIMARY KEY,
    username   VARCHAR(32) NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_username_idx ON users (username);

-- connectnow.dm: who may download a direct message's attachments
CREATE TABLE dm_conversations (
    id        UUID PRIMARY KEY,
    user_a_id UUID NOT NULL,
    user_b_id UUID NOT NULL
);

-- ----- messages -----

CREATE TABLE messages (
    id                 UUID        PRIMARY KEY,
    channel_id         UUID        NOT NULL REFERENCES channels (id),
    -- the author; for SYSTEM messages the member the event is about, or null (channel renamed, ...)
    user_id            UUID,
    -- varchar(n) counts code points in a UTF-8 database, as the API does; null once deleted
    content            VARCHAR(4000),
    type               VARCHAR(6)  NOT NULL CHECK (type IN ('TEXT', 'IMAGE', 'FILE', 'VIDEO', 'AUDIO', 'SYSTEM')),
    -- a thread reply names its root (always a top-level message of the same channel)
    parent_id          UUID        REFERENCES messages (id),
    seq                BIGINT      NOT NULL,
    -- live (not deleted) replies of a thread root
    reply_count        INTEGER     NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
    is_edited          BOOLEAN     NOT NULL DEFAULT FALSE,
    edited_at          TIMESTAMPTZ,
    is_deleted         BOOLEAN     NOT NULL DEFAULT FALSE,
    deleted_at         TIMESTAMPTZ,
    is_pinned          BOOLEAN     NOT NULL DEFAULT FALSE,
    pinned_at          TIMESTAMPTZ,
    version            BIGINT      NOT NULL DEFAULT 1,
    mentioned_user_ids UUID[]      NOT NULL DEFAULT '{}',
    -- the channel event a SYSTEM message tells about: written once per event, even on a full replay
    system_event_id    UUID        UNIQUE,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT messages_channel_seq_uq UNIQUE (channel_id, seq),
    CONSTRAINT messages_deleted_has_no_content CHECK (NOT is_deleted OR content IS NULL),
    CONSTRAINT messages_live_has_content CHECK (is_deleted OR content IS NOT NULL)
);
-- timeline: top-level messages of a channel, newest first, keyset on seq
CREATE INDEX messages_timeline_idx ON messages (channel_id, seq) WHERE parent_id IS NULL;
-- thread replies, oldest first, keyset on seq
CREATE INDEX messages_replies_idx ON messages (parent_id, seq) WHERE parent_id IS NOT NULL;
-- pins of a channel, most recently pinned first
CREATE INDEX messages_pins_idx ON messages (channel_id, pinned_at, id) WHERE is_pinned;

-- one row per (message, emoji, user): the PK is the uniqueness rule and serves per-message aggregation
CREATE TABLE message_reactions (
    message_id UUID        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji      VARCHAR(64) NOT NULL,
    user_id    UUID        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (message_id, emoji, user_id)
);

-- ----- attachments -----

-- An upload is unattached until a post attaches it (message_id) or dm-service claims it
-- (direct_message_id + conversation_id): never both. A claim is confirmed when its direct message's
-- dm.message.created arrives; a file neither attached nor confirmed within the TTL expires (a claim whose
-- direct message never committed is released that way). deleted_at marks rows whose bytes the janitor removes.
CREATE TABLE attachments (
    id                UUID         PRIMARY KEY,
    uploader_id       UUID         NOT NULL,
    file_name         VARCHAR(255) NOT NULL,
    file_url          VARCHAR(200) NOT NULL,
    file_size         BIGINT       NOT NULL CHECK (file_size >= 0),
    mime_type         VARCHAR(100) NOT NULL,
    thumbnail_url     VARCHAR(200),
    width             INTEGER,
    height            INTEGER,
    storage_key       VARCHAR(200) NOT NULL,
    thumbnail_key     VARCHAR(200),
    message_id        UUID         REFERENCES messages (id),
    -- order of the attachments within their message
    position          SMALLINT,
    direct_message_id UUID,
    conversation_id   UUID,
    -- dm.message.created arrived for direct_message_id: the claim's direct message exists
    dm_confirmed      BOOLEAN      NOT NULL DEFAULT FALSE,
    deleted_at        TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT attachments_one_owner CHECK (message_id IS NULL OR direct_message_id IS NULL),
    CONSTRAINT attachments_dm_has_conversation CHECK ((direct_message_id IS NULL) = (conversation_id IS NULL))
);
-- attachments of messages (a page's worth in one query)
CREATE INDEX attachments_message_idx ON attachments (message_id, position) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_direct_message_idx ON attachments (direct_message_id) WHERE direct_message_id IS NOT NULL;
-- the janitor: uploads no message confirmed, and rows whose bytes must go
CREATE INDEX attachments_unconfirmed_idx ON attachments (created_at)
    WHERE message_id IS NULL AND NOT dm_confirmed AND deleted_at IS NULL;
CREATE INDEX attachments_deleted_idx ON attachments (deleted_at) WHERE deleted_at IS NOT NULL;
