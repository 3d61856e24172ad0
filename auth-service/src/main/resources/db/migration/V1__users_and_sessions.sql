-- auth-service: users, device sessions, spent refresh tokens, throttle counters.

CREATE TABLE users (
    id             UUID          PRIMARY KEY,
    -- stored as given; uniqueness and look-ups are case-insensitive through users_email_lower_uq
    email          VARCHAR(254)  NOT NULL,
    -- stored lower-case, so a plain unique index is case-insensitive uniqueness
    username       VARCHAR(32)   NOT NULL,
    password_hash  VARCHAR(255)  NOT NULL,
    -- varchar lengths count characters (code points) in PostgreSQL, matching the API's rules
    display_name   VARCHAR(64)   NOT NULL,
    avatar_url     VARCHAR(2048),
    bio            VARCHAR(500),
    email_verified BOOLEAN       NOT NULL DEFAULT FALSE,
    is_banned      BOOLEAN       NOT NULL DEFAULT FALSE,
    banned_at      TIMESTAMPTZ,
    ban_reason     VARCHAR(500),
    last_login_at  TIMESTAMPTZ,
    last_active_at TIMESTAMPTZ,
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9_.-]{3,32}$')
);
CREATE UNIQUE INDEX users_email_lower_uq ON users (lower(email));
CREATE UNIQUE INDEX users_username_uq ON users (username);

-- One row per device login. Only the SHA-256 of the current refresh token is kept.
CREATE TABLE sessions (
    id                 UUID         PRIMARY KEY,
    user_id            UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_token_hash BYTEA        NOT NULL,
    user_agent         VARCHAR(512),
    ip_address         VARCHAR(64),
    created_at         TIMESTAMPTZ  NOT NULL,
    last_active_at     TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL,
    revoked_at         TIMESTAMPTZ,
    revoke_reason      VARCHAR(32)
);
CREATE UNIQUE INDEX sessions_refresh_token_hash_uq ON sessions (refresh_token_hash);
-- "my active sessions" and "revoke all my (other) sessions"
CREATE INDEX sessions_user_active_idx ON sessions (user_id, created_at) WHERE revoked_at IS NULL;
-- the foreign key's cascade and the housekeeping purge
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- Every refresh token a session has rotated away from. Presenting one again means it was copied:
-- the whole session is revoked (reuse detection).
CREATE TABLE spent_refresh_tokens (
    token_hash BYTEA       PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    spent_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX spent_refresh_tokens_session_idx ON spent_refresh_tokens (session_id);

-- Sliding-window throttle counters shared by every replica: failed logins per account and per client
-- address, registrations per client address.
CREATE TABLE throttle_attempts (
    id           BIGSERIAL    PRIMARY KEY,
    scope        VARCHAR(16)  NOT NULL,
    subject      VARCHAR(320) NOT NULL,
    attempted_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX throttle_attempts_lookup_idx ON throttle_attempts (scope, subject, attempted_at DESC);
CREATE INDEX throttle_attempts_attempted_at_idx ON throttle_attempts (attempted_at);
