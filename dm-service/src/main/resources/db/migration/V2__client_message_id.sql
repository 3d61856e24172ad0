-- The id a client gives the message it sends (a UUID it makes before sending): a repeated send — a retry after
-- an answer that never arrived — finds the message it already created instead of creating a second one.
-- Unique per sender; null when the client sent none.
ALTER TABLE direct_messages ADD COLUMN client_message_id UUID;
CREATE UNIQUE INDEX direct_messages_sender_client_message_id_uq
    ON direct_messages (sender_id, client_message_id) WHERE client_message_id IS NOT NULL;
