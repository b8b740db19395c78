-- "An analyst contributes one local model in one round only" (V7), enforced by the store itself: ContributionLedger
-- checked, then inserted, under READ COMMITTED, so two concurrent requests with the same local model for different
-- rounds could both pass the check. A unique index makes the second insert wait for the first and fail once it
-- commits; ContributionLedger turns that failure into the same refusal (AggregationRefusedException) as its check.
--
-- Rows the race may already have written (the same local model under the same key and analyst in several rounds)
-- would stop the index from being built. They cannot be deleted: each is an update the analyst signed and published,
-- and a retried task of its round must get the same ciphertext back (the primary key (he_key, round, analyst)).
-- So each keeps its row and ciphertext; the earliest keeps the local model and goes on binding it, and each later
-- one moves it to local_model_reused, which records that the model was contributed again and binds nothing.
alter table signed_contribution add column local_model_reused uuid;

do $$
declare
    reused int;
begin
    update signed_contribution later set local_model_reused = later.local_model, local_model = null
     where later.local_model is not null
       and exists (select 1 from signed_contribution earlier
                    where earlier.he_key = later.he_key and earlier.analyst = later.analyst
                      and earlier.local_model = later.local_model
                      and (earlier.signed_at, earlier.round) < (later.signed_at, later.round));
    get diagnostics reused = row_count;
    if reused > 0 then
        raise warning '% signed contribution(s) re-used a local model signed for another round; kept, model in local_model_reused',
            reused;
    end if;
end
$$;

create unique index signed_contribution_local_model_once on signed_contribution (he_key, analyst, local_model)
    where local_model is not null;
drop index signed_contribution_local_model;
