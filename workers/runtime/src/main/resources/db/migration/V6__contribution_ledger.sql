-- An analyst's own ledger of the updates it signed: at most one per homomorphic key (the address of its public
-- exchange object) and round. Committed before the update is published, so a retried task republishes the same
-- ciphertext instead of signing a second, differently randomised (or differently noised) one.
create table signed_contribution (
    he_key     char(64)    not null,
    round      int         not null,
    analyst    text        not null,
    ciphertext bytea       not null,
    signed_at  timestamptz not null default now(),
    primary key (he_key, round, analyst)
);
