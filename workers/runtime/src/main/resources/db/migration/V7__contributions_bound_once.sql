-- The local model each signed contribution came from: an analyst contributes one local model in one round only,
-- so the same update can never be signed for two rounds (where two aggregates over different analysts would
-- reveal it by difference). Contributions recorded before this column existed have none.
alter table signed_contribution add column local_model uuid;
create index signed_contribution_local_model on signed_contribution (he_key, analyst, local_model);

-- A decrypting party's record of every contribution (by the SHA-256 of its ciphertext) in an aggregate it decrypted:
-- an aggregate that re-uses a contribution already decrypted in another round is refused, whatever round number
-- the contribution now claims.
create table decrypted_contribution (
    he_key            char(64) not null,
    decrypted_by      text     not null,
    ciphertext_sha256 char(64) not null,
    round             int      not null,
    analyst           text     not null,
    primary key (he_key, decrypted_by, ciphertext_sha256)
);
