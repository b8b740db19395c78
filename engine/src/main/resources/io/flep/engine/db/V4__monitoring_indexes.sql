-- Indexes for the REST monitoring searches: an element instance's open incident is looked up per row,
-- and element instances, incidents and process instances are searched by id, error type and start.
create index incident_element_active on incident (element_instance_key) where state = 'ACTIVE';
create index element_instance_element on element_instance (element_id, process_instance_key);
create index incident_error on incident (error_type, state);
create index process_instance_process on process_instance (bpmn_process_id, start_date);
create index process_instance_parent on process_instance (parent_process_instance_key);
