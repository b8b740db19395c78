-- Every party has a store of its own (see docs/parties.md). What crosses parties travels through the exchange:
-- contributions are signed exchange objects, secrets are sealed to their recipient (no grants), and a party's store
-- records runs it takes part in without the coordinator's run row.
drop table contribution;
drop table key_grant;
drop table aggregate_decryption;
drop table aggregation_policy;

alter table stage_result drop constraint if exists stage_result_run_id_fkey;
alter table artifact drop constraint if exists artifact_run_id_fkey;
alter table key_material drop constraint if exists key_material_run_id_fkey;
alter table dataset_item drop constraint if exists dataset_item_run_id_fkey;
alter table dataset_item drop column cipher_artifact_id;
alter table model drop constraint if exists model_run_id_fkey;
alter table round_result drop constraint if exists round_result_run_id_fkey;

-- One key-agreement key per party, like its identity key.
create unique index key_material_agreement on key_material (owner) where purpose = 'AGREEMENT';

-- At most one decryption per homomorphic key (the address of its public exchange object) and round, per decryptor.
create table decryption_claim (
    he_key           char(64)    not null,
    round            int         not null,
    aggregate_sha256 char(64)    not null,
    decrypted_by     text        not null,
    contributors     int         not null,
    decrypted_at     timestamptz not null default now(),
    primary key (he_key, round, decrypted_by)
);
