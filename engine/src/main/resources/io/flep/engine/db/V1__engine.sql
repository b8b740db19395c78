-- FLEP engine state. Every command's effects are written here in one transaction before anyone is answered.
create table engine_meta (
  id int primary key,
  next_key bigint not null
);

create table process_definition (
  process_definition_key bigint primary key,
  bpmn_process_id text not null,
  version int not null,
  resource_name text not null,
  resource bytea not null,
  checksum text not null,
  deployment_key bigint not null,
  deployed_at timestamptz not null,
  unique (bpmn_process_id, version)
);

create table decision_requirements (
  decision_requirements_key bigint primary key,
  drg_id text not null,
  name text,
  version int not null,
  resource_name text not null,
  resource bytea not null,
  checksum text not null,
  deployment_key bigint not null,
  unique (drg_id, version)
);

create table decision (
  decision_key bigint primary key,
  decision_id text not null,
  name text,
  version int not null,
  decision_requirements_key bigint not null references decision_requirements,
  drg_id text not null,
  deployment_key bigint not null
);

create table process_instance (
  process_instance_key bigint primary key,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  version int not null,
  state text not null,
  start_date timestamptz not null,
  end_date timestamptz,
  parent_process_instance_key bigint,
  parent_element_instance_key bigint,
  runtime text not null
);
create index process_instance_state on process_instance (state, end_date);

create table element_instance (
  element_instance_key bigint primary key,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  flow_scope_key bigint not null,
  element_id text not null,
  element_type text not null,
  state text not null,
  start_date timestamptz not null,
  end_date timestamptz,
  runtime text not null
);
create index element_instance_process on element_instance (process_instance_key);
create index element_instance_active on element_instance (state) where state not in ('COMPLETED', 'TERMINATED');

create table variable (
  variable_key bigint primary key,
  scope_key bigint not null,
  process_instance_key bigint not null,
  name text not null,
  value text not null,
  unique (scope_key, name)
);
create index variable_process on variable (process_instance_key);

create table job (
  job_key bigint primary key,
  type text not null,
  state text not null,
  retries int not null,
  deadline bigint not null,
  retry_at bigint not null,
  worker text not null,
  error_message text not null,
  error_code text not null,
  custom_headers text not null,
  kind text not null,
  listener_event_type text not null,
  element_instance_key bigint not null,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  version int not null,
  element_id text not null,
  created_at timestamptz not null
);
create index job_process on job (process_instance_key);
create index job_open on job (state) where state not in ('COMPLETED', 'CANCELED');

create table incident (
  incident_key bigint primary key,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  element_instance_key bigint not null,
  element_id text not null,
  job_key bigint not null,
  error_type text not null,
  error_message text not null,
  state text not null,
  created_at timestamptz not null,
  resolved_at timestamptz
);
create index incident_process on incident (process_instance_key);

create table taken_flow (
  process_instance_key bigint not null,
  flow_id text not null,
  primary key (process_instance_key, flow_id)
);
