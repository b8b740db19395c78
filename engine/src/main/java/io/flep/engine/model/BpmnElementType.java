package io.flep.engine.model;

/** Element types, named as Zeebe and the Camunda 8 REST API name them. */
public enum BpmnElementType {
  PROCESS,
  SUB_PROCESS,
  CALL_ACTIVITY,
  MULTI_INSTANCE_BODY,
  START_EVENT,
  END_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  SCRIPT_TASK,
  BUSINESS_RULE_TASK,
  RECEIVE_TASK,
  MANUAL_TASK,
  TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  EVENT_BASED_GATEWAY,
  SEQUENCE_FLOW;

  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS;
  }

  public boolean isGateway() {
    return this == EXCLUSIVE_GATEWAY
        || this == PARALLEL_GATEWAY
        || this == INCLUSIVE_GATEWAY
        || this == EVENT_BASED_GATEWAY;
  }
}
