package io.flep.workers.task;

/** The work of one job. */
@FunctionalInterface
public interface TaskBody {
  TaskResult execute() throws Exception;
}
