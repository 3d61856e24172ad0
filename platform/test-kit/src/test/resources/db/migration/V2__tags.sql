CREATE TABLE tag (
    id UUID PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    slug VARCHAR(100) NOT NULL,
    description VARCHAR(100),
    CONSTRAINT tag_name_uq UNIQUE (name),
    -- deliberately not mapped to a field by the sample: it shows the generic 409
    CONSTRAINT tag_slug_uq UNIQUE (slug)
);
