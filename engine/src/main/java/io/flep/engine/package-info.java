/**
 * FLEP's embeddable, durable BPMN engine for the Zeebe dialect of BPMN. It serves the Zeebe gateway
 * gRPC API, so the unchanged Camunda Java client and Spring SDK workers run on it as on a Camunda 8
 * cluster, and keeps every deployed model, instance, variable, job and incident in PostgreSQL.
 */
package io.flep.engine;
