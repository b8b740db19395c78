package io.flep.engine.processing;

import io.flep.engine.state.EngineState;

/** What a command sees while the processor runs it. */
record ProcessingContext(EngineState state, BpmnRuntime runtime, Deployer deployer, long now) {}
