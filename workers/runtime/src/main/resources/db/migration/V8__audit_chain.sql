-- Each party's append-only audit chain (io.flep.workers.audit): every security-relevant event, hash-chained to the
-- party's previous entry and signed with the party's Ed25519 identity key. entry_hash and signature are computed by
-- AuditEntryCodec; `./flep audit verify` recomputes them. The table refuses UPDATE, DELETE and TRUNCATE: an entry,
-- once written, is never changed by the application — whoever bypasses this (a superuser disabling the triggers)
-- leaves a chain that no longer verifies.
create table audit_entry (
    party       text        not null,
    seq         bigint      not null check (seq >= 1),
    recorded_at timestamptz not null,
    type        text        not null,
    run_id      uuid,
    detail      text        not null,
    refs        jsonb       not null,
    prev_hash   char(64)    not null,
    entry_hash  char(64)    not null,
    signature   bytea       not null,
    primary key (party, seq)
);

create function audit_entry_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % of the entry of party % at seq % is refused', tg_op, old.party,
        old.seq using errcode = 'insufficient_privilege';
end
$$;

create function audit_entry_refuse_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: TRUNCATE is refused' using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_entry_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_refuse_truncate();
