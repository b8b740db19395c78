package io.flep.engine.processing;

/** A state-changing request, run on the processor thread. */
@FunctionalInterface
interface Command<R> {
  R execute(ProcessingContext context) throws Rejection;
}
