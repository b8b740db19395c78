-- Timers, message subscriptions and buffered messages.
create table timer (
  timer_key bigint primary key,
  element_instance_key bigint not null,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  target_element_id text not null,
  due_date bigint not null,
  repetitions int not null,
  interval_millis bigint not null,
  state text not null
);
create index timer_active on timer (state) where state = 'ACTIVE';

create table message_subscription (
  subscription_key bigint primary key,
  element_instance_key bigint not null,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  target_element_id text not null,
  message_name text not null,
  correlation_key text not null,
  state text not null
);
create index message_subscription_active on message_subscription (state) where state = 'ACTIVE';

create table message (
  message_key bigint primary key,
  name text not null,
  correlation_key text not null,
  variables text not null,
  message_id text,
  deadline bigint not null,
  correlated_to text not null,
  state text not null
);
create index message_published on message (state) where state = 'PUBLISHED';
