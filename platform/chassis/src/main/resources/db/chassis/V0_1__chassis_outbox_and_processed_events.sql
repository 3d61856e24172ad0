-- Owned by platform-chassis; present in every service database.

-- Transactional outbox: written in the same transaction as the state change, deleted once Kafka has
-- acknowledged the event. bigserial gives the relay its send order.
CREATE TABLE outbox_event (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(200) NOT NULL,
    event_key   VARCHAR(200),
    event_type  VARCHAR(200) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    attempts    INTEGER      NOT NULL DEFAULT 0,
    last_error  TEXT
);

-- Idempotent consumers: one row per (consumer, event) applied.
CREATE TABLE processed_event (
    consumer     VARCHAR(200) NOT NULL,
    event_id     UUID         NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
