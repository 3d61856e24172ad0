CREATE TABLE note (
    id UUID PRIMARY KEY,
    owner_id UUID NOT NULL,
    text VARCHAR(200) NOT NULL
);
-- no unique key on purpose: de-duplication must come from processed_event
CREATE TABLE received_note_event (
    id BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL,
    note_id UUID NOT NULL
);
