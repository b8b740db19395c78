/**
 * How a task fails, one type per outcome: {@link io.flep.workers.failure.BadInputException} — input no retry can fix,
 * the job fails at once with an incident naming the cause; {@link io.flep.workers.failure.BusinessRuleViolation} —
 * a business rule stopped the task, a BPMN error with its code on a modelled path; anything else is technical
 * (the database is down, …): retried with back-off, then an incident. {@code StageRunner} maps them.
 */
package io.flep.workers.failure;
