-- auth-service: single sign-on with external OpenID Connect providers.

-- Accounts provisioned by a provider may have no password, and no e-mail address when the provider did not
-- vouch for one. The unique index on lower(email) lets any number of NULLs coexist.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- An account at a provider (issuer + subject) linked to a ConnectNow account.
CREATE TABLE external_identities (
    id           UUID         PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- the provider's configuration name when it was last used (for display); the issuer is the key
    provider     VARCHAR(32)  NOT NULL,
    issuer       VARCHAR(512) NOT NULL,
    subject      VARCHAR(255) NOT NULL,
    -- the provider's e-mail address for the account, only when it said the address is verified
    email        VARCHAR(254),
    created_at   TIMESTAMPTZ  NOT NULL,
    last_used_at TIMESTAMPTZ  NOT NULL
);
-- sign-in: who is (issuer, subject)?
CREATE UNIQUE INDEX external_identities_issuer_subject_uq ON external_identities (issuer, subject);
-- one identity per provider and account; also serves "my identities" and the foreign key's cascade
CREATE UNIQUE INDEX external_identities_user_issuer_uq ON external_identities (user_id, issuer);

-- Provider tokens already exchanged, remembered until they expire: the same token signs in only once.
CREATE TABLE exchanged_subject_tokens (
    fingerprint BYTEA       PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX exchanged_subject_tokens_expires_at_idx ON exchanged_subject_tokens (expires_at);
