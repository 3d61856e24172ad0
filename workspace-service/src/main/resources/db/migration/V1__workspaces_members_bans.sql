-- workspace-service schema. Lengths are in characters (code points in a UTF8 database), the same unit the
-- API validates in, so a value the API accepts always fits its column.

CREATE TABLE workspaces (
    id          UUID          PRIMARY KEY,
    name        VARCHAR(80)   NOT NULL,
    slug        VARCHAR(48)   NOT NULL,
    description VARCHAR(1000),
    icon_url    VARCHAR(2048),
    owner_id    UUID          NOT NULL,
    is_public   BOOLEAN       NOT NULL,
    invite_code VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL,
    version     BIGINT        NOT NULL,
    -- the unique constraints (not only the application's pre-checks) make slug and invite code race-safe
    CONSTRAINT workspaces_slug_key UNIQUE (slug),
    CONSTRAINT workspaces_invite_code_key UNIQUE (invite_code),
    CONSTRAINT workspaces_slug_format CHECK (char_length(slug) BETWEEN 3 AND 48
        AND slug ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$')
);

CREATE TABLE workspace_members (
    -- membershipId: a UUIDv7 minted on every join, so a re-join sorts after the earlier membership
    id           UUID         PRIMARY KEY,
    workspace_id UUID         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      UUID         NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    nickname     VARCHAR(80),
    joined_at    TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    -- 1 on join, +1 on every change of this membership; consumers drop events with an older revision
    revision     BIGINT       NOT NULL,
    CONSTRAINT workspace_members_workspace_user_key UNIQUE (workspace_id, user_id),
    CONSTRAINT workspace_members_role_check CHECK (role IN ('OWNER', 'ADMIN', 'MODERATOR', 'MEMBER', 'GUEST')),
    CONSTRAINT workspace_members_revision_check CHECK (revision >= 1)
);

-- members list: WHERE workspace_id = ? AND id > ? ORDER BY id (keyset)
CREATE INDEX workspace_members_workspace_page_idx ON workspace_members (workspace_id, id);
-- "my workspaces": WHERE user_id = ? AND id > ? ORDER BY id (keyset)
CREATE INDEX workspace_members_user_page_idx ON workspace_members (user_id, id);
-- exactly one owner per workspace can never be broken by a racing transfer
CREATE UNIQUE INDEX workspace_members_one_owner_idx ON workspace_members (workspace_id) WHERE role = 'OWNER';

-- Projection of connectnow.user bans. Keeps the latest ban and the latest unban time per user, so events
-- applied in any order (or twice) give the same answer: banned while banned_at >= unbanned_at.
CREATE TABLE banned_user (
    user_id     UUID        PRIMARY KEY,
    banned_at   TIMESTAMPTZ,
    unbanned_at TIMESTAMPTZ
);
