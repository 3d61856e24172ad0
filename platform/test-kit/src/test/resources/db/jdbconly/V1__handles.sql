CREATE TABLE handle (
    id UUID PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    CONSTRAINT handle_name_uq UNIQUE (name)
);
