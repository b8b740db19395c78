-- Threshold homomorphic keys: the run's key row holds only the public part; each share holder's share is its own
-- row (secret wrapped, owner = the share holder) pointing at it.
alter table key_material add column parent_key_id uuid references key_material (id);
create unique index key_material_share on key_material (parent_key_id, owner) where parent_key_id is not null;

-- Each share holder's partial decryption of a round's aggregate is recorded with the round's models.
alter table model drop constraint model_kind_check;
alter table model add constraint model_kind_check
    check (kind in ('local', 'encrypted-update', 'encrypted-aggregate', 'partial-decryption', 'global'));
