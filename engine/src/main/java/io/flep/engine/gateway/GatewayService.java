package io.flep.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BrokerInfo;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DecisionRequirementsMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Deployment;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Partition;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ProcessMetadata;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.Resource;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import io.flep.engine.auth.GrpcAuthentication;
import io.flep.engine.processing.ActivatedJobData;
import io.flep.engine.processing.CommandProcessor;
import io.flep.engine.processing.DeploymentResult;
import io.flep.engine.processing.InstanceCreated;
import io.flep.engine.processing.Json;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Zeebe gateway gRPC service, answered by {@link CommandProcessor}. Requests this engine does
 * not support get {@code UNIMPLEMENTED} with a message saying so.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {
  public static final String TENANT = "<default>";

  private final CommandProcessor processor;
  private final String version;
  private final java.util.function.IntSupplier port;

  public GatewayService(CommandProcessor processor, String version, java.util.function.IntSupplier port) {
    this.processor = processor;
    this.version = version;
    this.port = port;
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> responses) {
    responses.onNext(
        TopologyResponse.newBuilder()
            .setClusterSize(1)
            .setPartitionsCount(1)
            .setReplicationFactor(1)
            .setGatewayVersion(version)
            .addBrokers(
                BrokerInfo.newBuilder()
                    .setNodeId(0)
                    .setHost("127.0.0.1")
                    .setPort(port.getAsInt())
                    .setVersion(version)
                    .addPartitions(
                        Partition.newBuilder()
                            .setPartitionId(1)
                            .setRole(Partition.PartitionBrokerRole.LEADER)
                            .setHealth(Partition.PartitionBrokerHealth.HEALTHY)))
            .build());
    responses.onCompleted();
  }

  @Override
  public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> responses) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    for (Resource resource : request.getResourcesList()) {
      resources.put(resource.getName(), resource.getContent().toByteArray());
    }
    reply("CREATE", processor.deploy(resources), responses, GatewayService::deployment);
  }

  private static DeployResourceResponse deployment(DeploymentResult result) {
    DeployResourceResponse.Builder response =
        DeployResourceResponse.newBuilder().setKey(result.key()).setTenantId(TENANT);
    for (DeploymentResult.Process p : result.processes()) {
      response.addDeployments(
          Deployment.newBuilder()
              .setProcess(
                  ProcessMetadata.newBuilder()
                      .setBpmnProcessId(p.bpmnProcessId())
                      .setVersion(p.version())
                      .setProcessDefinitionKey(p.processDefinitionKey())
                      .setResourceName(p.resourceName())
                      .setTenantId(TENANT)));
    }
    for (DeploymentResult.DecisionRequirementsInfo d : result.decisionRequirements()) {
      response.addDeployments(
          Deployment.newBuilder()
              .setDecisionRequirements(
                  DecisionRequirementsMetadata.newBuilder()
                      .setDmnDecisionRequirementsId(d.drgId())
                      .setDmnDecisionRequirementsName(d.name() == null ? "" : d.name())
                      .setVersion(d.version())
                      .setDecisionRequirementsKey(d.key())
                      .setResourceName(d.resourceName())
                      .setTenantId(TENANT)));
    }
    for (DeploymentResult.Decision d : result.decisions()) {
      response.addDeployments(
          Deployment.newBuilder()
              .setDecision(
                  DecisionMetadata.newBuilder()
                      .setDmnDecisionId(d.decisionId())
                      .setDmnDecisionName(d.name() == null ? "" : d.name())
                      .setVersion(d.version())
                      .setDecisionKey(d.key())
                      .setDmnDecisionRequirementsId(d.drgId())
                      .setDecisionRequirementsKey(d.decisionRequirementsKey())
                      .setTenantId(TENANT)));
    }
    return response.build();
  }

  @Override
  public void createProcessInstance(
      CreateProcessInstanceRequest request, StreamObserver<CreateProcessInstanceResponse> responses) {
    if (unsupportedInstructions(request, responses)) {
      return;
    }
    reply(
        "CREATE", processor.createInstance(
            request.getProcessDefinitionKey(), request.getBpmnProcessId(), request.getVersion(),
            request.getVariables()),
        responses,
        created ->
            CreateProcessInstanceResponse.newBuilder()
                .setProcessDefinitionKey(created.processDefinitionKey())
                .setBpmnProcessId(created.bpmnProcessId())
                .setVersion(created.version())
                .setProcessInstanceKey(created.processInstanceKey())
                .setTenantId(TENANT)
                .build());
  }

  @Override
  public void createProcessInstanceWithResult(
      CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> responses) {
    CreateProcessInstanceRequest create = request.getRequest();
    if (unsupportedInstructions(create, responses)) {
      return;
    }
    CompletableFuture<InstanceCreated> result =
        processor.createInstanceAwaitingResult(
            create.getProcessDefinitionKey(), create.getBpmnProcessId(), create.getVersion(),
            create.getVariables(), request.getRequestTimeout(), request.getFetchVariablesList());
    reply(
        "CREATE_WITH_AWAITING_RESULT", result,
        responses,
        created ->
            CreateProcessInstanceWithResultResponse.newBuilder()
                .setProcessDefinitionKey(created.processDefinitionKey())
                .setBpmnProcessId(created.bpmnProcessId())
                .setVersion(created.version())
                .setProcessInstanceKey(created.processInstanceKey())
                .setVariables(created.variablesJson())
                .setTenantId(TENANT)
                .build());
  }

  private static boolean unsupportedInstructions(
      CreateProcessInstanceRequest request, StreamObserver<?> responses) {
    if (request.getStartInstructionsCount() > 0 || request.getRuntimeInstructionsCount() > 0) {
      responses.onError(
          Status.UNIMPLEMENTED
              .withDescription("start and runtime instructions are not supported by the FLEP engine")
              .asRuntimeException());
      return true;
    }
    return false;
  }

  /** The calling client's job-type permission, captured on the gRPC thread for the processor. */
  private static Predicate<String> jobTypeGuard() {
    return GrpcAuthentication.currentClient()
        .<Predicate<String>>map(client -> client.permissions()::mayHandleJobType)
        .orElse(CommandProcessor.ANY_JOB_TYPE);
  }

  @Override
  public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> responses) {
    if (!GrpcAuthentication.mayHandleJobType(request.getType())) {
      responses.onError(
          Status.PERMISSION_DENIED
              .withDescription(
                  "client '" + GrpcAuthentication.currentClient().map(c -> c.id()).orElse("?")
                      + "' may not activate jobs of type '" + request.getType() + "'")
              .asRuntimeException());
      return;
    }
    CompletableFuture<List<ActivatedJobData>> jobs =
        processor.activateJobs(
            request.getType(), request.getWorker(), request.getTimeout(), request.getMaxJobsToActivate(),
            request.getFetchVariableList(), request.getRequestTimeout());
    if (responses instanceof ServerCallStreamObserver<ActivateJobsResponse> call) {
      // a client that gives up stops the long poll; jobs activated after that time out and come back
      call.setOnCancelHandler(() -> jobs.complete(List.of()));
    }
    jobs.whenComplete(
        (activated, error) -> {
          if (error != null) {
            responses.onError(Errors.status(error, "ACTIVATE"));
            return;
          }
          try {
            if (!activated.isEmpty()) {
              ActivateJobsResponse.Builder response = ActivateJobsResponse.newBuilder();
              activated.forEach(job -> response.addJobs(job(job)));
              responses.onNext(response.build());
            }
            responses.onCompleted();
          } catch (RuntimeException cancelled) {
            // the caller went away; the jobs will time out and be activated again
          }
        });
  }

  @Override
  public void streamActivatedJobs(StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> responses) {
    if (!GrpcAuthentication.mayHandleJobType(request.getType())) {
      responses.onError(
          Status.PERMISSION_DENIED
              .withDescription("this client may not activate jobs of type '" + request.getType() + "'")
              .asRuntimeException());
      return;
    }
    if (request.getType().isBlank() || request.getTimeout() < 1) {
      responses.onError(
          Status.INVALID_ARGUMENT
              .withDescription("Expected a job type and a timeout greater than zero to stream jobs")
              .asRuntimeException());
      return;
    }
    ServerCallStreamObserver<ActivatedJob> call = (ServerCallStreamObserver<ActivatedJob>) responses;
    AutoCloseable stream =
        processor.openJobStream(
            request.getType(), request.getWorker(), request.getTimeout(), request.getFetchVariableList(),
            job -> {
              synchronized (call) {
                if (call.isCancelled()) {
                  return false;
                }
                try {
                  call.onNext(job(job));
                  return true;
                } catch (RuntimeException gone) {
                  return false;
                }
              }
            });
    call.setOnCancelHandler(() -> {
      try {
        stream.close();
      } catch (Exception ignored) {
        // removing a stream cannot fail
      }
    });
  }

  private static ActivatedJob job(ActivatedJobData job) {
    return ActivatedJob.newBuilder()
        .setKey(job.key())
        .setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.processDefinitionVersion())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(Json.write(job.customHeaders()))
        .setWorker(job.worker())
        .setRetries(job.retries())
        .setDeadline(job.deadline())
        .setVariables(job.variablesJson())
        .setTenantId(TENANT)
        .setKind(ActivatedJob.JobKind.valueOf(job.kind()))
        .setListenerEventType(ActivatedJob.ListenerEventType.valueOf(job.listenerEventType()))
        .build();
  }

  @Override
  public void evaluateDecision(EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> responses) {
    reply(
        "EVALUATE", processor.evaluateDecision(request.getDecisionKey(), request.getDecisionId(), request.getVariables()),
        responses,
        result -> {
          EvaluateDecisionResponse.Builder response =
              EvaluateDecisionResponse.newBuilder()
                  .setDecisionKey(result.decisionKey())
                  .setDecisionId(result.decisionId())
                  .setDecisionName(result.decisionName() == null ? "" : result.decisionName())
                  .setDecisionVersion(result.decisionVersion())
                  .setDecisionRequirementsId(result.decisionRequirementsId())
                  .setDecisionRequirementsKey(result.decisionRequirementsKey())
                  .setDecisionInstanceKey(result.evaluationKey())
                  .setDecisionEvaluationKey(result.evaluationKey())
                  .setTenantId(TENANT);
          if (result.failureMessage() != null) {
            response.setFailedDecisionId(result.decisionId()).setFailureMessage(result.failureMessage());
          } else {
            response.setDecisionOutput(result.outputJson());
          }
          return response.build();
        });
  }

  @Override
  public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> responses) {
    reply(
        "PUBLISH", processor.publishMessage(
            request.getName(), request.getCorrelationKey(), request.getTimeToLive(), request.getMessageId(),
            request.getVariables()),
        responses,
        key -> PublishMessageResponse.newBuilder().setKey(key).setTenantId(TENANT).build());
  }

  @Override
  public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> responses) {
    reply(
        "COMPLETE", processor.completeJob(request.getJobKey(), request.getVariables(), jobTypeGuard()),
        responses,
        done -> CompleteJobResponse.getDefaultInstance());
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> responses) {
    reply(
        "FAIL", processor.failJob(
            request.getJobKey(), request.getRetries(), request.getErrorMessage(), request.getRetryBackOff(),
            request.getVariables(), jobTypeGuard()),
        responses,
        done -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> responses) {
    reply(
        "THROW_ERROR", processor.throwError(request.getJobKey(), request.getErrorCode(), request.getErrorMessage(),
            request.getVariables(), jobTypeGuard()),
        responses,
        done -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> responses) {
    reply(
        "UPDATE_RETRIES", processor.updateJobRetries(request.getJobKey(), request.getRetries(), jobTypeGuard()),
        responses,
        done -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> responses) {
    reply(
        "UPDATE_TIMEOUT", processor.updateJobTimeout(request.getJobKey(), request.getTimeout(), jobTypeGuard()),
        responses,
        done -> UpdateJobTimeoutResponse.getDefaultInstance());
  }

  @Override
  public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> responses) {
    reply(
        "UPDATE", processor.setVariables(request.getElementInstanceKey(), request.getVariables(), request.getLocal()),
        responses,
        key -> SetVariablesResponse.newBuilder().setKey(key).build());
  }

  @Override
  public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> responses) {
    reply(
        "RESOLVE", processor.resolveIncident(request.getIncidentKey()),
        responses,
        done -> ResolveIncidentResponse.getDefaultInstance());
  }

  @Override
  public void cancelProcessInstance(
      CancelProcessInstanceRequest request, StreamObserver<CancelProcessInstanceResponse> responses) {
    reply(
        "CANCEL", processor.cancelInstance(request.getProcessInstanceKey()),
        responses,
        done -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  private static <R, P> void reply(
      String intent, CompletableFuture<R> result, StreamObserver<P> responses, Function<R, P> toResponse) {
    result.whenComplete(
        (value, error) -> {
          try {
            if (error != null) {
              responses.onError(Errors.status(error, intent));
            } else {
              responses.onNext(toResponse.apply(value));
              responses.onCompleted();
            }
          } catch (RuntimeException callerGone) {
            // the call was cancelled by the client; nothing to answer
          }
        });
  }
}
