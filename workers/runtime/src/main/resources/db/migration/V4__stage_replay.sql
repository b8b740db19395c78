-- A stage is recorded once per job: a job re-run after its worker's process died takes over the
-- orphaned RUNNING record, and a job whose work was done but whose completion never reached the
-- engine is answered from the recorded result instead of being executed again.
alter table stage_result add column job_key bigint;
alter table stage_result add column result_variables jsonb;
create index stage_result_job on stage_result (job_key);
