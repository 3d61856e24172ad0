-- dm-service schema. Column names follow the public resource fields in snake_case.

-- Projection of auth-service's users, fed by connectnow.user: who exists (a profile event was seen), their
-- public profile (shown as otherUser in conversation lists) and whether they are banned. Columns are text
-- without limits: the projection stores what the producer validated and must never refuse an event.
CREATE TABLE users (
    id           UUID        PRIMARY KEY,
    username     TEXT,
    display_name TEXT,
    avatar_url   TEXT,
    -- time of the profile held (user.registered createdAt / user.updated updatedAt); older ones are ignored
    profile_at   TIMESTAMPTZ,
    -- the latest ban and the latest unban seen; banned while banned_at >= unbanned_at (order-independent)
    banned_at    TIMESTAMPTZ,
    unbanned_at  TIMESTAMPTZ
);

CREATE TABLE direct_conversations (
    id                   UUID        PRIMARY KEY,
    -- the pair, smaller id first (PostgreSQL's uuid order = unsigned byte order)
    user_a_id            UUID        NOT NULL,
    user_b_id            UUID        NOT NULL,
    -- null until the first message
    last_message_at      TIMESTAMPTZ,
    -- seq of the newest message; messages take last_message_seq + 1 under this row's lock
    last_message_seq     BIGINT      NOT NULL DEFAULT 0,
    -- each participant's read position: unreadCount = last_message_seq - own last_read_seq (O(1))
    user_a_last_read_seq BIGINT      NOT NULL DEFAULT 0,
    user_b_last_read_seq BIGINT      NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    -- the list order: the last message, or the creation for a conversation without messages
    activity_at          TIMESTAMPTZ GENERATED ALWAYS AS (coalesce(last_message_at, created_at)) STORED,
    CONSTRAINT direct_conversations_ordered_pair_ck CHECK (user_a_id < user_b_id),
    CONSTRAINT direct_conversations_pair_uq UNIQUE (user_a_id, user_b_id),
    CONSTRAINT direct_conversations_read_seq_ck CHECK (
        user_a_last_read_seq BETWEEN 0 AND last_message_seq AND user_b_last_read_seq BETWEEN 0 AND last_message_seq)
);
-- "my conversations" newest activity first, keyset on (activity_at, id): one index per side of the pair, the
-- list query reads both (UNION ALL) and merges at most two pages
CREATE INDEX direct_conversations_user_a_activity_idx ON direct_conversations (user_a_id, activity_at, id);
CREATE INDEX direct_conversations_user_b_activity_idx ON direct_conversations (user_b_id, activity_at, id);

CREATE TABLE direct_messages (
    id              UUID          PRIMARY KEY,
    conversation_id UUID          NOT NULL REFERENCES direct_conversations (id),
    seq             BIGINT        NOT NULL CHECK (seq > 0),
    sender_id       UUID          NOT NULL,
    -- varchar(n) counts characters (code points) in a UTF-8 database, as the API does; null once deleted
    content         VARCHAR(4000),
    type            VARCHAR(8)    NOT NULL CHECK (type IN ('TEXT', 'IMAGE', 'FILE', 'VIDEO', 'AUDIO', 'SYSTEM')),
    -- the attachment views message-service returned when they were claimed for this message, in order
    attachments     JSONB         NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attachments) = 'array'),
    is_edited       BOOLEAN       NOT NULL DEFAULT FALSE,
    edited_at       TIMESTAMPTZ,
    is_deleted      BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at      TIMESTAMPTZ,
    -- read by the recipient (the participant who did not send it)
    is_read         BOOLEAN       NOT NULL DEFAULT FALSE,
    read_at         TIMESTAMPTZ,
    version         BIGINT        NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    -- messages of a conversation newest first (keyset on seq); also mark-read by seq and the foreign key
    CONSTRAINT direct_messages_conversation_seq_uq UNIQUE (conversation_id, seq),
    CONSTRAINT direct_messages_edited_ck CHECK (is_edited = (edited_at IS NOT NULL)),
    CONSTRAINT direct_messages_deleted_ck CHECK (is_deleted = (deleted_at IS NOT NULL)),
    CONSTRAINT direct_messages_read_ck CHECK (is_read = (read_at IS NOT NULL)),
    -- a deleted message keeps neither its text nor its files
    CONSTRAINT direct_messages_content_ck CHECK (
        CASE WHEN is_deleted THEN content IS NULL AND attachments = '[]'::jsonb ELSE content IS NOT NULL END)
);
-- the unread messages of a conversation by seq: mark-read visits only these (small: most messages are read)
CREATE INDEX direct_messages_unread_idx ON direct_messages (conversation_id, seq) WHERE NOT is_read;

-- Files being claimed from message-service for a direct message that is not stored yet. A retry of the same
-- send (after a time-out or a 503, or with a corrected type) finds its files here and reuses the message id,
-- so message-service's claim, idempotent for one direct message, succeeds again instead of refusing files
-- "attached to another direct message". Rows go with the message's insert; leftovers of sends that never
-- completed are dropped after a day (message-service expires such uploads after 24 h).
CREATE TABLE pending_attachment_claims (
    attachment_id     UUID        PRIMARY KEY,
    direct_message_id UUID        NOT NULL,
    conversation_id   UUID        NOT NULL,
    sender_id         UUID        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_attachment_claims_message_idx ON pending_attachment_claims (direct_message_id);
CREATE INDEX pending_attachment_claims_created_idx ON pending_attachment_claims (created_at);
