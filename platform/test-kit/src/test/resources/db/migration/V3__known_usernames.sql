-- fed by user.registered: a consumer whose write can hit a unique constraint holding personal data
CREATE TABLE known_username (
    username VARCHAR(100) NOT NULL,
    user_id UUID NOT NULL,
    CONSTRAINT known_username_uq UNIQUE (username)
);
