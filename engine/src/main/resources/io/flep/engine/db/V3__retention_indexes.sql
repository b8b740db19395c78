-- Retention deletes everything of an ended instance by process instance key.
create index timer_process on timer (process_instance_key);
create index message_subscription_process on message_subscription (process_instance_key);
