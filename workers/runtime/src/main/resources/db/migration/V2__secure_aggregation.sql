-- Secure aggregation (see docs/he-aggregation.md).

-- The rules a homomorphic key's holder enforces before decrypting, fixed when the key is issued: which analysts
-- may contribute and how many distinct contributions an aggregate needs at least.
create table aggregation_policy (
    key_id           uuid primary key references key_material (id),
    min_contributors int   not null check (min_contributors >= 1),
    contributors     jsonb not null
);

-- At most one decryption per key and round. A retry of the same aggregate (same digest) is allowed: it reveals
-- nothing new; any other aggregate in that round is refused.
create table aggregate_decryption (
    key_id           uuid        not null references key_material (id),
    round            int         not null,
    aggregate_sha256 char(64)    not null,
    decrypted_by     text        not null,
    contributors     int         not null,
    decrypted_at     timestamptz not null default now(),
    primary key (key_id, round)
);

-- Each encrypted update with its analyst's signature over (run, round, analyst, key, digest of the update), so
-- that whoever decrypts can tell a forged, altered or replayed contribution.
create table contribution (
    update_artifact_id uuid primary key references artifact (id),
    key_id             uuid  not null references key_material (id),
    round              int   not null,
    analyst            text  not null,
    signature          bytea not null
);

-- One identity key per party (purpose IDENTITY, no run): analysts sign their contributions with it.
create unique index key_material_identity on key_material (owner) where purpose = 'IDENTITY';

-- Accuracy of plain FedAvg of the same local models (single-machine check next to max_abs_diff...).
alter table round_result add column plaintext_accuracy double precision;
