-- FLEP private database: every image, key, ciphertext and model lives here; process variables only
-- carry references (id, sha256, size) to rows of these tables.

create table run (
    id                   uuid primary key,
    created_at           timestamptz not null default now(),
    finished_at          timestamptz,
    status               text        not null check (status in ('RUNNING', 'COMPLETED', 'REJECTED', 'FAILED')),
    outcome              text,
    failure              text,
    engine_mode          text        not null,
    process_instance_key bigint,
    parameters           jsonb       not null
);

create table stage_result (
    id          bigserial primary key,
    run_id      uuid        not null references run (id),
    stage       text        not null,
    task_type   text        not null,
    round       int,
    actor       text,
    status      text        not null check (status in ('RUNNING', 'COMPLETED', 'REJECTED', 'FAILED', 'RETRYING')),
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    ms          bigint,
    message     text,
    details     jsonb
);
create index stage_result_run on stage_result (run_id, id);

create table artifact (
    id         uuid primary key,
    run_id     uuid        references run (id),
    kind       text        not null,
    owner      text        not null,
    media_type text        not null,
    sha256     char(64)    not null,
    size_bytes bigint      not null,
    content    bytea       not null,
    metadata   jsonb,
    created_at timestamptz not null default now()
);
create index artifact_run_kind on artifact (run_id, kind);

-- Secret parts are stored only wrapped (AES-GCM) under the installation's master key.
create table key_material (
    id             uuid primary key,
    run_id         uuid        references run (id),
    scheme_id      text        not null,
    purpose        text        not null,
    owner          text        not null,
    public_part    bytea       not null,
    wrapped_secret bytea,
    created_at     timestamptz not null default now()
);

create table key_grant (
    key_id     uuid        not null references key_material (id),
    grantee    text        not null,
    scope      text        not null check (scope in ('public', 'secret')),
    granted_at timestamptz not null default now(),
    primary key (key_id, grantee, scope)
);

create table dataset_item (
    run_id             uuid not null references run (id),
    item_index         int  not null,
    source_name        text not null,
    label              int  not null,
    split              text not null check (split in ('train', 'test')),
    shard              int,
    plain_artifact_id  uuid not null references artifact (id),
    cipher_artifact_id uuid references artifact (id),
    primary key (run_id, item_index)
);
create index dataset_item_shard on dataset_item (run_id, shard);

create table model (
    id          uuid primary key,
    run_id      uuid        not null references run (id),
    round       int         not null,
    kind        text        not null check (kind in ('local', 'encrypted-update', 'encrypted-aggregate', 'global')),
    owner       text        not null,
    artifact_id uuid        not null references artifact (id),
    created_at  timestamptz not null default now()
);
create index model_run_round on model (run_id, round, kind);

create table round_result (
    run_id                          uuid   not null references run (id),
    round                           int    not null,
    path                            text   not null,
    accuracy                        double precision not null,
    contributors                    int    not null,
    max_abs_diff_vs_plaintext_fedavg double precision,
    global_model_id                 uuid   references model (id),
    created_at                      timestamptz not null default now(),
    primary key (run_id, round)
);
