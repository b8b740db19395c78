package io.flep.workers.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.flep.workers.task.JobTypes;
import io.grpc.Status.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.flep.workers.engine.EmbeddedEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Model test of {@code bpmn/flep-lifecycle.bpmn} and {@code bpmn/cloud-trust.dmn}: the static shape of the
 * model against docs/DEVELOPING.md, then real runs on FLEP's engine (embedded PostgreSQL). The job handlers here are
 * the test's own fakes of the worker boundary: they only hand back references, so the test checks the
 * process logic (paths, loop, errors, listener), not the workers.
 */
class LifecycleModelTest {

  static final String PROCESS_ID = "flep-lifecycle";
  static final String RUN_FINISHED = JobTypes.RUN_FINISHED;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The partial decryption's job type is an expression: one job type per share-holder role. */
  static final String PARTIAL_DECRYPT_TYPE = "=\"flep.\" + shareholder + \".partial-decrypt\"";
  static final List<String> PARTIAL_DECRYPT_TYPES =
      List.of(JobTypes.IIOT_PARTIAL_DECRYPT, JobTypes.AUDITOR_PARTIAL_DECRYPT, JobTypes.CLOUD_PARTIAL_DECRYPT);

  /** job type → [element id, element name, id of the enclosing scope]. */
  static final Map<String, List<String>> SERVICE_TASKS = new LinkedHashMap<>();

  static {
    String process = PROCESS_ID;
    String round = "SubProcess_FederatedRound";
    String contribute = "SubProcess_Contribute";
    expect(JobTypes.GENERATE, "Task_GenerateDeviceData", "Generate device data", process);
    expect(JobTypes.STORE, "Task_StoreInPrivateDatabase", "Store in private database", process);
    expect(JobTypes.ENCRYPT, "Task_EncryptData", "Encrypt data", process);
    expect(JobTypes.SHARE_DATA_KEY, "Task_ShareDataKey", "Share data key with analysts", process);
    expect(JobTypes.ISSUE_HE_KEYS, "Task_IssueHeKeyPair", "Issue HE key pair", process);
    expect(analystType(JobTypes.ANALYST_DECRYPT), "Task_DecryptData", "Decrypt data", contribute);
    expect(analystType(JobTypes.TRAIN), "Task_TrainLocally", "Train locally", contribute);
    expect(analystType(JobTypes.SECURE_MODEL), "Task_SecureModelUpdate", "HE-encrypt model update", contribute);
    expect(JobTypes.CLOSE_ROUND, "Task_CloseRound", "Close round", round);
    expect(JobTypes.GRANT_HE_KEY, "Task_GrantHeKey", "Grant HE key to trusted cloud", round);
    expect(JobTypes.DECRYPT_AND_AVERAGE, "Task_DecryptAndAverage", "Decrypt aggregate and average", round);
    expect(JobTypes.AGGREGATE_ENCRYPTED, "Task_AggregateCiphertexts", "Aggregate ciphertexts", round);
    expect(JobTypes.DECRYPT_AGGREGATE, "Task_DecryptAggregate", "Decrypt aggregate", round);
    expect(PARTIAL_DECRYPT_TYPE, "Task_PartialDecryption", "Partial decryption", round);
    expect(JobTypes.COMBINE_PARTIAL_DECRYPTIONS, "Task_CombinePartialDecryptions", "Combine partial decryptions",
        round);
    expect(JobTypes.PUBLISH_MODEL, "Task_PublishGlobalModel", "Publish global model", round);
    expect(JobTypes.TRIGGER_SERVICES, "Task_TriggerIiotServices", "Trigger IIoT services", process);
  }

  /** The model's computed type of an analyst task: one per analyst, {@code flep.analyst.<id>.<task>}. */
  static String analystType(String template) {
    return "=\"flep.analyst.\" + analystId + \"." + template.substring("flep.analyst.".length()) + "\"";
  }

  /** The analysts of the runs this test starts. */
  static final List<String> ANALYSTS = List.of("a1", "a2");

  private static void expect(String type, String id, String name, String scope) {
    SERVICE_TASKS.put(type, List.of(id, name, scope));
  }

  /** The concrete job types workers subscribe to, with their task names. */
  static Map<String, String> concreteJobTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    SERVICE_TASKS.forEach((type, where) -> {
      if (type.equals(PARTIAL_DECRYPT_TYPE)) {
        PARTIAL_DECRYPT_TYPES.forEach(t -> types.put(t, where.get(1)));
      } else if (type.startsWith("=\"flep.analyst.\"")) {
        String template = "flep.analyst." + type.substring(type.lastIndexOf("+ \".") + 4, type.length() - 1);
        ANALYSTS.forEach(a -> types.put(JobTypes.forAnalyst(a, template), where.get(1)));
      } else {
        types.put(type, where.get(1));
      }
    });
    return types;
  }

  static byte[] resource(String file) {
    String classpath = "/bpmn/" + file;
    try (InputStream in = LifecycleModelTest.class.getResourceAsStream(classpath)) {
      if (in != null) {
        return in.readAllBytes();
      }
      return Files.readAllBytes(Path.of("..", "..", "bpmn", file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------ static
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Model {

    final BpmnModelInstance model =
        Bpmn.readModelFromStream(new ByteArrayInputStream(resource("flep-lifecycle.bpmn")));

    @Test
    void isValidExecutableCamunda88Process() {
      Bpmn.validateModel(model);
      Process process = model.getModelElementById(PROCESS_ID);
      assertThat(process).isNotNull();
      assertThat(process.isExecutable()).isTrue();
      assertThat(process.getName()).isEqualTo("FLEP lifecycle");
      String xml = new String(resource("flep-lifecycle.bpmn"), StandardCharsets.UTF_8);
      assertThat(xml)
          .contains("modeler:executionPlatform=\"Camunda Cloud\"")
          .contains("modeler:executionPlatformVersion=\"8.8.0\"");
    }

    @Test
    void everyServiceTaskHasItsContractJobTypeWhereExpected() {
      Collection<ServiceTask> tasks = model.getModelElementsByType(ServiceTask.class);
      Map<String, List<String>> seen = new HashMap<>();
      for (ServiceTask task : tasks) {
        ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
        assertThat(definition).as("task definition of %s", task.getId()).isNotNull();
        assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("3");
        assertThat(task.getDocumentations())
            .as("documentation of %s", task.getId())
            .singleElement()
            .satisfies(d -> assertThat(d.getTextContent()).contains("Role: "));
        seen.computeIfAbsent(definition.getType(), t -> new ArrayList<>()).add(task.getId());
        List<String> where = SERVICE_TASKS.get(definition.getType());
        assertThat(where).as("job type %s of %s is in the contract", definition.getType(), task.getId()).isNotNull();
        assertThat(task.getId()).isEqualTo(where.get(0));
        assertThat(task.getName()).isEqualTo(where.get(1));
        assertThat(scopeOf(task)).as("scope of %s", task.getId()).isEqualTo(where.get(2));
      }
      assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(SERVICE_TASKS.keySet());
      assertThat(seen.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }

    @Test
    void noHeaderPicksACipherOrHeScheme() {
      // the run's signed policy names them: a header could only contradict it (and is refused when it does)
      assertThat(headers("Task_EncryptData")).isEmpty();
      assertThat(headers("Task_IssueHeKeyPair")).isEmpty();
    }

    @Test
    void analyzeIsAParallelMultiInstanceOverAnalysts() {
      SubProcess analyze = model.getModelElementById("SubProcess_Analyze");
      assertThat(analyze.getName()).isEqualTo("Analyze");
      MultiInstanceLoopCharacteristics loop =
          (MultiInstanceLoopCharacteristics) analyze.getLoopCharacteristics();
      assertThat(loop.isSequential()).isFalse();
      ZeebeLoopCharacteristics zeebe = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
      assertThat(zeebe.getInputCollection()).isEqualTo("=analysts");
      assertThat(zeebe.getInputElement()).isEqualTo("analystId");
      assertThat(zeebe.getOutputCollection()).isEqualTo("updateRefs");
      assertThat(zeebe.getOutputElement()).isEqualTo("=updateRef");
      assertThat(scopeOf(analyze)).isEqualTo("SubProcess_FederatedRound");
      // per-analyst references are local to each instance
      assertThat(analyze.getSingleExtensionElement(ZeebeIoMapping.class).getInputs())
          .extracting(i -> i.getTarget())
          .containsExactlyInAnyOrder("localModelRef", "updateRef");
      assertThat(analyze.getOutgoing()).singleElement()
          .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("Task_CloseRound"));
    }

    @Test
    void eachAnalystsContributionEndsAtTheRoundDeadlineAndTheRoundIsClosedBeforeTheTrustDecision() {
      SubProcess contribute = model.getModelElementById("SubProcess_Contribute");
      assertThat(scopeOf(contribute)).isEqualTo("SubProcess_Analyze");
      assertThat(contribute.getLoopCharacteristics()).isNull();
      BoundaryEvent deadline = model.getModelElementById("BoundaryEvent_RoundDeadline");
      assertThat(deadline.getAttachedTo().getId()).isEqualTo("SubProcess_Contribute");
      assertThat(deadline.cancelActivity()).as("interrupting: the late analyst's tasks are cancelled").isTrue();
      TimerEventDefinition timer = (TimerEventDefinition) deadline.getEventDefinitions().iterator().next();
      assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("=roundDeadline");
      assertThat(timer.getTimeDate()).isNull();
      assertThat(timer.getTimeCycle()).isNull();
      assertThat(deadline.getOutgoing()).singleElement()
          .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("EndEvent_DeadlineMissed"));
      assertThat(contribute.getOutgoing()).singleElement()
          .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("EndEvent_UpdateContributed"));
      ServiceTask close = model.getModelElementById("Task_CloseRound");
      assertThat(close.getOutgoing()).singleElement()
          .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("Task_DecideCloudTrust"));
      // the completion of Analyze is "every instance ended" (contributed or missed): no completion condition
      MultiInstanceLoopCharacteristics loop =
          (MultiInstanceLoopCharacteristics) ((SubProcess) model.getModelElementById("SubProcess_Analyze"))
              .getLoopCharacteristics();
      assertThat(loop.getCompletionCondition()).isNull();
    }

    @Test
    void trustDecisionGatewaysAndLoopAreWired() {
      BusinessRuleTask decide = model.getModelElementById("Task_DecideCloudTrust");
      ZeebeCalledDecision called = decide.getSingleExtensionElement(ZeebeCalledDecision.class);
      assertThat(called.getDecisionId()).isEqualTo("cloud-trust");
      assertThat(called.getResultVariable()).isEqualTo("aggregationPath");

      ExclusiveGateway trusted = model.getModelElementById("Gateway_CloudTrusted");
      assertThat(trusted.getDefault().getId()).isEqualTo("Flow_Untrusted");
      SequenceFlow toGrant = model.getModelElementById("Flow_Trusted");
      assertThat(toGrant.getConditionExpression().getTextContent()).isEqualTo("=aggregationPath = \"trusted\" and heThreshold = 0");
      assertThat(toGrant.getTarget().getId()).isEqualTo("Task_GrantHeKey");

      ExclusiveGateway more = model.getModelElementById("Gateway_MoreRounds");
      assertThat(more.getDefault().getTarget().getId()).isEqualTo("Task_TriggerIiotServices");
      SequenceFlow again = model.getModelElementById("Flow_MoreRoundsYes");
      assertThat(again.getConditionExpression().getTextContent())
          .isEqualTo("=round < rounds and accuracy < targetAccuracy");
      ScriptTask next = model.getModelElementById("Task_NextRound");
      ZeebeScript script = next.getSingleExtensionElement(ZeebeScript.class);
      assertThat(script.getExpression()).isEqualTo("=round + 1");
      assertThat(script.getResultVariable()).isEqualTo("round");
      assertThat(next.getOutgoing()).singleElement()
          .satisfies(f -> assertThat(f.getTarget().getId()).isEqualTo("Gateway_RoundStart"));
    }

    @Test
    void errorBoundariesCatchTheContractCodes() {
      BoundaryEvent untrusted = model.getModelElementById("BoundaryEvent_UntrustedParty");
      assertThat(untrusted.getAttachedTo().getId()).isEqualTo("Task_GrantHeKey");
      assertThat(errorCode(untrusted)).isEqualTo("FLEP_UNTRUSTED_PARTY");
      FlowNode fallback = untrusted.getOutgoing().iterator().next().getTarget();
      assertThat(fallback.getOutgoing().iterator().next().getTarget().getId())
          .isEqualTo("Task_AggregateCiphertexts");

      BoundaryEvent integrity = model.getModelElementById("BoundaryEvent_IntegrityViolation");
      assertThat(integrity.getAttachedTo().getId()).isEqualTo("SubProcess_FederatedRound");
      assertThat(errorCode(integrity)).isEqualTo("FLEP_INTEGRITY_VIOLATION");
      assertThat(integrity.cancelActivity()).isTrue();
      assertThat(integrity.getOutgoing().iterator().next().getTarget().getId()).isEqualTo("EndEvent_RunRejected");

      BoundaryEvent refused = model.getModelElementById("BoundaryEvent_AggregationRefused");
      assertThat(refused.getAttachedTo().getId()).isEqualTo("SubProcess_FederatedRound");
      assertThat(errorCode(refused)).isEqualTo("FLEP_AGGREGATION_REFUSED");
      assertThat(refused.cancelActivity()).isTrue();
      assertThat(refused.getOutgoing().iterator().next().getTarget().getId()).isEqualTo("EndEvent_AggregationRefused");
    }

    @Test
    void processEndEventsCarryTheRunFinishedListenerAndOutcome() {
      Map<String, String> outcomes = new HashMap<>();
      for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
        if (!PROCESS_ID.equals(scopeOf(end))) {
          assertThat(end.getSingleExtensionElement(ZeebeExecutionListeners.class))
              .as("inner end event %s has no run listener", end.getId())
              .isNull();
          continue;
        }
        Collection<ZeebeExecutionListener> listeners =
            end.getSingleExtensionElement(ZeebeExecutionListeners.class).getExecutionListeners();
        assertThat(listeners).singleElement().satisfies(l -> {
          assertThat(l.getEventType()).isEqualTo(ZeebeExecutionListenerEventType.end);
          assertThat(l.getType()).isEqualTo(RUN_FINISHED);
          assertThat(l.getRetries()).isEqualTo("3");
        });
        var outputs = end.getSingleExtensionElement(ZeebeIoMapping.class).getOutputs();
        assertThat(outputs).singleElement().satisfies(o -> assertThat(o.getTarget()).isEqualTo("outcome"));
        outcomes.put(end.getId(), outputs.iterator().next().getSource());
      }
      assertThat(outcomes)
          .containsOnly(
              Map.entry("EndEvent_GlobalModelServed", "=\"completed\""),
              Map.entry("EndEvent_RunRejected", "=\"integrity-violation\""),
              Map.entry("EndEvent_AggregationRefused", "=\"aggregation-refused\""),
              Map.entry("EndEvent_PolicyRefused", "=\"policy-refused\""),
              Map.entry("EndEvent_KeyPolicyRefused", "=\"policy-refused\""));
    }

    @Test
    void everyElementIsLaidOutWithoutOverlaps() {
      Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
      Map<String, Bounds> bounds = new HashMap<>();
      for (FlowNode node : nodes) {
        assertThat(node.getDiagramElement()).as("shape of %s", node.getId()).isInstanceOf(BpmnShape.class);
        bounds.put(node.getId(), ((BpmnShape) node.getDiagramElement()).getBounds());
      }
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        assertThat(flow.getDiagramElement()).as("edge of %s", flow.getId()).isInstanceOf(BpmnEdge.class);
        assertThat(((BpmnEdge) flow.getDiagramElement()).getWaypoints()).as("waypoints of %s", flow.getId()).hasSizeGreaterThanOrEqualTo(2);
      }
      // siblings (same scope) do not overlap, except a boundary event with its host; children lie inside their sub-process
      List<FlowNode> list = new ArrayList<>(nodes);
      for (int i = 0; i < list.size(); i++) {
        FlowNode a = list.get(i);
        if (!PROCESS_ID.equals(scopeOf(a))) {
          assertThat(inside(bounds.get(a.getId()), bounds.get(scopeOf(a))))
              .as("%s inside %s", a.getId(), scopeOf(a)).isTrue();
        }
        for (int j = i + 1; j < list.size(); j++) {
          FlowNode b = list.get(j);
          if (!scopeOf(a).equals(scopeOf(b)) || attached(a, b) || attached(b, a)) {
            continue;
          }
          assertThat(overlap(bounds.get(a.getId()), bounds.get(b.getId())))
              .as("%s overlaps %s", a.getId(), b.getId()).isFalse();
        }
      }
    }

    private Map<String, String> headers(String id) {
      ServiceTask task = model.getModelElementById(id);
      Map<String, String> headers = new LinkedHashMap<>();
      ZeebeTaskHeaders declared = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
      if (declared == null) {
        return headers;
      }
      for (ZeebeHeader h : declared.getHeaders()) {
        headers.put(h.getKey(), h.getValue());
      }
      return headers;
    }
  }

  static String scopeOf(FlowNode node) {
    return ((BaseElement) node.getParentElement()).getId();
  }

  static String errorCode(BoundaryEvent event) {
    ErrorEventDefinition definition =
        (ErrorEventDefinition) event.getEventDefinitions().iterator().next();
    return definition.getError().getErrorCode();
  }

  static boolean attached(FlowNode a, FlowNode host) {
    return a instanceof BoundaryEvent b && b.getAttachedTo().getId().equals(host.getId());
  }

  static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  static boolean inside(Bounds child, Bounds parent) {
    return child.getX() >= parent.getX() && child.getY() >= parent.getY()
        && child.getX() + child.getWidth() <= parent.getX() + parent.getWidth()
        && child.getY() + child.getHeight() <= parent.getY() + parent.getHeight();
  }

  static <T> List<T> concat(Collection<T> a, Collection<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ------------------------------------------------------------------------------------------ engine
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OnTheEngine {

    /** One job the fake workers saw. */
    record Seen(String runId, String type, String elementId, Object round, Object analystId,
                Map<String, Object> variables, Map<String, String> headers) {}

    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    /** Jobs an analyst holds past the round deadline, by run; what completing them later answered. */
    final Map<String, ActivatedJob> late = new java.util.concurrent.ConcurrentHashMap<>();
    final Map<String, String> lateCompletions = new java.util.concurrent.ConcurrentHashMap<>();
    final List<JobWorker> workers = new ArrayList<>();
    EmbeddedPostgres postgres;
    EmbeddedEngine engine;
    CamundaClient client;

    @BeforeAll
    void startEngineAndDeploy() throws IOException {
      postgres = EmbeddedPostgres.builder().start();
      engine = new EmbeddedEngine(postgres.getPostgresDatabase()).start();
      int port = engine.port();
      client =
          CamundaClient.newClientBuilder()
              .grpcAddress(URI.create("http://127.0.0.1:" + port))
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .defaultRequestTimeout(TIMEOUT)
              .build();
      client.newDeployResourceCommand()
          .addResourceBytes(resource("flep-lifecycle.bpmn"), "flep-lifecycle.bpmn")
          .addResourceBytes(resource("cloud-trust.dmn"), "cloud-trust.dmn")
          .send()
          .join();
      for (String type : concat(concreteJobTypes().keySet(), List.of(RUN_FINISHED))) {
        workers.add(
            client.newWorker()
                .jobType(type)
                .handler(this::handle)
                .maxJobsActive(8)
                .pollInterval(Duration.ofMillis(20))
                .timeout(TIMEOUT)
                .open());
      }
    }

    @AfterAll
    void stopEngine() {
      workers.forEach(JobWorker::close);
      if (client != null) {
        client.close();
      }
      if (engine != null) {
        engine.stop();
      }
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    /** The fake worker boundary: hands back references; a few runs inject the two BPMN errors. */
    void handle(JobClient jobs, ActivatedJob job) {
      Map<String, Object> vars = job.getVariablesAsMap();
      String runId = String.valueOf(vars.get("runId"));
      Object round = vars.get("round");
      Object analyst = vars.get("analystId");
      String type = JobTypes.templateOf(job.getType());
      seen.add(new Seen(runId, type, job.getElementId(), round, analyst, vars,
          job.getCustomHeaders()));
      String tag = runId + "/r" + round + (analyst == null ? "" : "/" + analyst);
      ActivatedJob lateJob = Integer.valueOf(3).equals(round) ? late.remove(runId) : null;
      if (lateJob != null) {
        // round 3 runs: the late analyst completes its round-2 job now, with the update it signed for round 2
        try {
          jobs.newCompleteCommand(lateJob).variables(Map.of("updateRef", ref("update/" + runId + "/r2/a2-late")))
              .send().join();
          lateCompletions.put(runId, "COMPLETED");
        } catch (ClientStatusException e) {
          lateCompletions.put(runId, e.getStatusCode().name());
        }
      }
      Map<String, Object> out = new HashMap<>();
      switch (type) {
        case JobTypes.GENERATE -> out.put("rawDataRef", ref("raw/" + tag));
        case JobTypes.STORE -> out.put("datasetRef", ref("dataset/" + tag));
        case JobTypes.ENCRYPT -> out.put("encryptedShardRefs", Map.of("analyst-1", ref("enc/" + tag)));
        case JobTypes.SHARE_DATA_KEY -> out.put("dataKeyEnvelopeRefs", Map.of("analyst-1", ref("datakey/" + tag)));
        case JobTypes.ISSUE_HE_KEYS -> {
          boolean threshold = runId.startsWith("threshold");
          out.put("heKeyRef", ref("hekey/" + tag));
          out.put("heThreshold", threshold ? 2 : 0);
          out.put("decryptionShareholders", threshold ? List.of("iiot", "auditor", "cloud") : List.of());
        }
        case JobTypes.IIOT_PARTIAL_DECRYPT, JobTypes.AUDITOR_PARTIAL_DECRYPT, JobTypes.CLOUD_PARTIAL_DECRYPT ->
            out.put("partialDecryptionRef", ref("partial/" + job.getType() + "/" + tag));
        case JobTypes.COMBINE_PARTIAL_DECRYPTIONS -> {
          out.put("globalModelRef", ref("global/" + tag));
          out.put("combined", vars.get("partialDecryptionRefs"));
        }
        case JobTypes.ANALYST_DECRYPT -> {
          if (runId.startsWith("integrity") && "a2".equals(analyst)) {
            jobs.newThrowErrorCommand(job).errorCode("FLEP_INTEGRITY_VIOLATION")
                .errorMessage("tag mismatch on " + tag).send().join();
            return;
          }
        }
        case JobTypes.TRAIN -> {
          if (runId.startsWith("starved") && Integer.valueOf(1).equals(round)) {
            return; // every analyst is silent in round 1: the round deadline passes
          }
          out.put("localModelRef", ref("local/" + tag));
        }
        case JobTypes.SECURE_MODEL -> {
          if (runId.startsWith("dropout") && Integer.valueOf(2).equals(round) && "a2".equals(analyst)) {
            late.put(runId, job); // a2 is late in round 2: it tries to complete in round 3
            return;
          }
          out.put("updateRef", ref("update/" + tag));
        }
        case JobTypes.CLOSE_ROUND -> {
          // the fake IIoT services close a round like the worker: fewer than K = 1 contribution is refused
          long contributions = ((List<?>) vars.get("updateRefs")).stream().filter(Objects::nonNull).count();
          if (contributions < 1) {
            jobs.newThrowErrorCommand(job).errorCode("FLEP_AGGREGATION_REFUSED")
                .errorMessage("round " + round + " closed with 0 contributions by its deadline").send().join();
            return;
          }
        }
        case JobTypes.GRANT_HE_KEY -> {
          if (runId.startsWith("fallback") && Integer.valueOf(1).equals(round)) {
            jobs.newThrowErrorCommand(job).errorCode("FLEP_UNTRUSTED_PARTY")
                .errorMessage("cloud not registered as trusted").send().join();
            return;
          }
        }
        case JobTypes.DECRYPT_AND_AVERAGE -> out.put("globalModelRef", ref("global/" + tag));
        case JobTypes.AGGREGATE_ENCRYPTED -> out.put("encryptedAggregateRef", ref("agg/" + tag));
        case JobTypes.DECRYPT_AGGREGATE -> {
          if (runId.startsWith("refused")) {
            jobs.newThrowErrorCommand(job).errorCode("FLEP_AGGREGATION_REFUSED")
                .errorMessage("round has 1 verified contribution but the key's policy requires at least 2")
                .send().join();
            return;
          }
          out.put("globalModelRef", ref("global/" + tag));
        }
        // accuracy grows by 0.2 per round from 0.4
        case JobTypes.PUBLISH_MODEL -> out.put("accuracy", 0.2 + 0.2 * ((Number) round).intValue());
        default -> { }
      }
      try {
        jobs.newCompleteCommand(job).variables(out).send().join();
      } catch (ClientStatusException e) {
        // an interrupting error boundary (integrity run) may have cancelled this job meanwhile
        if (e.getStatusCode() != Code.NOT_FOUND) {
          throw e;
        }
      }
    }

    static Map<String, Object> ref(String id) {
      return Map.of("id", id, "sha256", "0".repeat(64), "size", 1);
    }

    Map<String, Object> run(String runId, int rounds, double target, String mode, Boolean attested,
                            String jurisdiction) {
      return run(runId, rounds, target, mode, attested, jurisdiction, "PT30S");
    }

    Map<String, Object> run(String runId, int rounds, double target, String mode, Boolean attested,
                            String jurisdiction, String roundDeadline) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("roundDeadline", roundDeadline);
      vars.put("runId", runId);
      vars.put("analysts", ANALYSTS);
      vars.put("rounds", rounds);
      vars.put("targetAccuracy", target);
      vars.put("cloudMode", mode);
      // absent rather than null when not given: the DMN must cope with missing inputs
      if (attested != null) {
        vars.put("cloudAttested", attested);
      }
      if (jurisdiction != null) {
        vars.put("cloudJurisdiction", jurisdiction);
      }
      vars.put("round", 1);
      return client.newCreateInstanceCommand()
          .bpmnProcessId(PROCESS_ID)
          .latestVersion()
          .variables(vars)
          .withResult()
          .requestTimeout(TIMEOUT)
          .send()
          .join()
          .getVariablesAsMap();
    }

    List<Seen> jobs(String runId, String type) {
      return seen.stream().filter(s -> s.runId().equals(runId) && s.type().equals(type)).toList();
    }

    long count(String runId, String type) {
      return jobs(runId, type).size();
    }

    @Test
    void trustedPathRunsTwoRoundsAndFinishesCompleted() {
      Map<String, Object> result = run("trusted", 2, 0.99, "trusted", null, null);
      String run = "trusted";

      assertThat(result).containsEntry("round", 2).containsEntry("aggregationPath", "trusted")
          .containsEntry("outcome", "completed");
      assertThat(count(run, JobTypes.GRANT_HE_KEY)).isEqualTo(2);
      assertThat(count(run, JobTypes.DECRYPT_AND_AVERAGE)).isEqualTo(2);
      assertThat(count(run, JobTypes.AGGREGATE_ENCRYPTED)).isZero();
      assertThat(count(run, JobTypes.DECRYPT_AGGREGATE)).isZero();
      assertCommonRun(run, 2);
      assertThat(completedElements(result)).containsEntry("Task_NextRound", 1L)
          .containsEntry("EndEvent_GlobalModelServed", 1L)
          .doesNotContainKey("BoundaryEvent_UntrustedParty")
          .doesNotContainKey("EndEvent_RunRejected");
      assertFinished(run, "completed", "EndEvent_GlobalModelServed");
    }

    @Test
    void untrustedPolicyPathStopsEarlyWhenTheTargetAccuracyIsReached() {
      // policy + attested + foreign → untrusted; accuracy 0.4, 0.6 ≥ 0.55 stops after round 2 of 3
      Map<String, Object> result = run("policy-foreign", 3, 0.55, "policy", true, "foreign");
      String run = "policy-foreign";

      assertThat(result).containsEntry("round", 2).containsEntry("aggregationPath", "untrusted")
          .containsEntry("outcome", "completed");
      assertThat(count(run, JobTypes.AGGREGATE_ENCRYPTED)).isEqualTo(2);
      assertThat(count(run, JobTypes.DECRYPT_AGGREGATE)).isEqualTo(2);
      assertThat(count(run, JobTypes.GRANT_HE_KEY)).isZero();
      assertThat(count(run, JobTypes.DECRYPT_AND_AVERAGE)).isZero();
      assertThat(jobs(run, JobTypes.AGGREGATE_ENCRYPTED))
          .allSatisfy(s -> assertThat((List<?>) s.variables().get("updateRefs")).hasSize(2));
      assertCommonRun(run, 2);
      assertThat(completedElements(result)).containsEntry("Task_NextRound", 1L);
      assertFinished(run, "completed", "EndEvent_GlobalModelServed");
    }

    @Test
    void untrustedPartyErrorFallsBackToCiphertextAggregation() {
      // the cloud claims trust, but grant-he-key refuses it in round 1; round 2 is granted
      Map<String, Object> result = run("fallback", 2, 0.99, "trusted", true, "domestic");
      String run = "fallback";

      assertThat(result).containsEntry("round", 2).containsEntry("outcome", "completed");
      assertThat(jobs(run, JobTypes.GRANT_HE_KEY)).extracting(Seen::round).containsExactly(1, 2);
      assertThat(jobs(run, JobTypes.AGGREGATE_ENCRYPTED)).extracting(Seen::round).containsExactly(1);
      assertThat(jobs(run, JobTypes.DECRYPT_AGGREGATE)).extracting(Seen::round).containsExactly(1);
      assertThat(jobs(run, JobTypes.DECRYPT_AND_AVERAGE)).extracting(Seen::round).containsExactly(2);
      assertCommonRun(run, 2);
      assertThat(completedElements(result)).containsEntry("BoundaryEvent_UntrustedParty", 1L)
          .containsEntry("Gateway_UntrustedPath", 1L)
          .containsEntry("Task_GrantHeKey", 1L);
      assertFinished(run, "completed", "EndEvent_GlobalModelServed");
    }

    @Test
    void integrityViolationRejectsTheRun() {
      Map<String, Object> result = run("integrity", 2, 0.99, "trusted", null, null);
      String run = "integrity";

      assertThat(result).containsEntry("outcome", "integrity-violation").containsEntry("round", 1);
      assertThat(count(run, JobTypes.ANALYST_DECRYPT)).isEqualTo(2);
      assertThat(count(run, JobTypes.SECURE_MODEL)).isLessThanOrEqualTo(1);
      assertThat(count(run, JobTypes.PUBLISH_MODEL)).isZero();
      assertThat(count(run, JobTypes.TRIGGER_SERVICES)).isZero();
      assertThat(completedElements(result)).containsEntry("BoundaryEvent_IntegrityViolation", 1L)
          .containsEntry("EndEvent_RunRejected", 1L)
          .doesNotContainKey("EndEvent_GlobalModelServed")
          .doesNotContainKey("SubProcess_FederatedRound");
      assertFinished(run, "integrity-violation", "EndEvent_RunRejected");
    }

    @Test
    void aThresholdKeyIsDecryptedByTwoOfThreeShareHoldersEvenWhenTheCloudIsTrusted() {
      Map<String, Object> result = run("threshold", 1, 0.99, "trusted", null, null);
      String run = "threshold";

      assertThat(result).containsEntry("outcome", "completed");
      assertThat(count(run, JobTypes.GRANT_HE_KEY)).as("no single party gets a threshold key").isZero();
      assertThat(count(run, JobTypes.AGGREGATE_ENCRYPTED)).isEqualTo(1);
      assertThat(count(run, JobTypes.DECRYPT_AGGREGATE)).isZero();
      long partials = PARTIAL_DECRYPT_TYPES.stream().mapToLong(t -> count(run, t)).sum();
      assertThat(partials).isBetween(2L, 3L);
      assertThat(count(run, JobTypes.COMBINE_PARTIAL_DECRYPTIONS)).isEqualTo(1);
      Seen combine = jobs(run, JobTypes.COMBINE_PARTIAL_DECRYPTIONS).get(0);
      @SuppressWarnings("unchecked")
      List<Object> collected = (List<Object>) combine.variables().get("partialDecryptionRefs");
      assertThat(collected).hasSize(3);
      assertThat(collected.stream().filter(Objects::nonNull).count()).as("completed share holders").isGreaterThanOrEqualTo(2);
      assertThat(completedElements(result)).containsEntry("Task_CombinePartialDecryptions", 1L)
          .containsEntry("Gateway_ThresholdKey", 1L);
      assertFinished(run, "completed", "EndEvent_GlobalModelServed");
    }

    @Test
    void aRefusedAggregationRejectsTheRunWithoutPublishing() {
      Map<String, Object> result = run("refused", 2, 0.99, "untrusted", null, null);
      String run = "refused";

      assertThat(result).containsEntry("outcome", "aggregation-refused").containsEntry("round", 1);
      assertThat(count(run, JobTypes.AGGREGATE_ENCRYPTED)).isEqualTo(1);
      assertThat(count(run, JobTypes.DECRYPT_AGGREGATE)).isEqualTo(1);
      assertThat(count(run, JobTypes.PUBLISH_MODEL)).isZero();
      assertThat(completedElements(result)).containsEntry("BoundaryEvent_AggregationRefused", 1L)
          .containsEntry("EndEvent_AggregationRefused", 1L)
          .doesNotContainKey("EndEvent_GlobalModelServed");
      assertFinished(run, "aggregation-refused", "EndEvent_AggregationRefused");
    }

    @Test
    void anAnalystThatMissesTheRoundDeadlineIsSkippedForThatRoundAndItsLateUpdateCountsNowhere() {
      // a2 holds its round-2 secure-model job past the 2 s deadline and completes it while round 3 runs
      Map<String, Object> result = run("dropout", 3, 0.99, "untrusted", null, null, "PT2S");
      String run = "dropout";

      assertThat(result).containsEntry("outcome", "completed").containsEntry("round", 3);
      assertThat(lateCompletions).as("the engine refuses the late job: its round is closed")
          .containsEntry(run, "NOT_FOUND");
      Map<Object, List<Object>> updatesByRound = new HashMap<>();
      jobs(run, JobTypes.AGGREGATE_ENCRYPTED).forEach(s -> updatesByRound.put(s.round(),
          ((List<?>) s.variables().get("updateRefs")).stream()
              .<Object>map(u -> u == null ? null : ((Map<?, ?>) u).get("id")).toList()));
      assertThat(updatesByRound).containsOnlyKeys(1, 2, 3);
      assertThat(updatesByRound.get(1)).containsExactly("update/dropout/r1/a1", "update/dropout/r1/a2");
      assertThat(updatesByRound.get(2)).as("a2 missed round 2: null in its place")
          .containsExactly("update/dropout/r2/a1", null);
      assertThat(updatesByRound.get(3)).as("round 3 has round 3's updates only")
          .containsExactly("update/dropout/r3/a1", "update/dropout/r3/a2");
      assertThat(jobs(run, JobTypes.CLOSE_ROUND)).hasSize(3);
      long key = instanceKey(run);
      assertThat(engine.queries().elementInstances(key).stream()
          .filter(e -> e.elementId().equals("BoundaryEvent_RoundDeadline") && e.state().equals("COMPLETED")))
          .as("one deadline fired: a2's in round 2").hasSize(1);
      assertThat(engine.queries().elementInstances(key).stream()
          .filter(e -> e.elementId().equals("SubProcess_Contribute")))
          .extracting(e -> e.state()).containsOnly("COMPLETED", "TERMINATED")
          .filteredOn("TERMINATED"::equals).hasSize(1);
      assertThat(engine.queries().jobs(key).stream().filter(j -> j.state().equals("CANCELED")))
          .singleElement().satisfies(j -> assertThat(j.type()).isEqualTo("flep.analyst.a2.secure-model"));
      assertThat(completedElements(result)).containsEntry("EndEvent_DeadlineMissed", 1L)
          .containsEntry("EndEvent_UpdateContributed", 5L).containsEntry("Task_PublishGlobalModel", 3L);
      assertFinished(run, "completed", "EndEvent_GlobalModelServed");
    }

    @Test
    void aRoundWithFewerThanKContributionsByItsDeadlineEndsAsAggregationRefusedBeforeAnythingIsAggregated() {
      Map<String, Object> result = run("starved", 2, 0.99, "untrusted", null, null, "PT1S");
      String run = "starved";

      assertThat(result).containsEntry("outcome", "aggregation-refused").containsEntry("round", 1);
      assertThat(jobs(run, JobTypes.CLOSE_ROUND)).singleElement()
          .satisfies(s -> assertThat((List<?>) s.variables().get("updateRefs")).containsExactly(null, null));
      assertThat(count(run, JobTypes.AGGREGATE_ENCRYPTED)).isZero();
      assertThat(count(run, JobTypes.DECRYPT_AGGREGATE)).isZero();
      assertThat(count(run, JobTypes.PUBLISH_MODEL)).isZero();
      assertThat(completedElements(result)).containsEntry("EndEvent_DeadlineMissed", 2L)
          .containsEntry("BoundaryEvent_AggregationRefused", 1L)
          .containsEntry("EndEvent_AggregationRefused", 1L)
          .doesNotContainKey("Task_DecideCloudTrust");
      assertFinished(run, "aggregation-refused", "EndEvent_AggregationRefused");
    }

    @Test
    void cloudTrustDecisionTable() {
      String[][] cases = {
          // cloudMode, cloudAttested, cloudJurisdiction, expected aggregationPath
          {"trusted", null, null, "trusted"},
          {"trusted", "false", "foreign", "trusted"},
          {"untrusted", "true", "domestic", "untrusted"},
          {"policy", "true", "domestic", "trusted"},
          {"policy", "true", "foreign", "untrusted"},
          {"policy", "false", "domestic", "untrusted"},
          {"policy", null, "domestic", "untrusted"},
          {"policy", "true", null, "untrusted"},
          {"hybrid", "true", "domestic", "untrusted"},
          {null, "true", "domestic", "untrusted"},
          {null, null, null, "untrusted"},
      };
      for (String[] c : cases) {
        Map<String, Object> vars = new HashMap<>();
        // null means the variable is absent
        if (c[0] != null) {
          vars.put("cloudMode", c[0]);
        }
        if (c[1] != null) {
          vars.put("cloudAttested", Boolean.valueOf(c[1]));
        }
        if (c[2] != null) {
          vars.put("cloudJurisdiction", c[2]);
        }
        var response = client.newEvaluateDecisionCommand().decisionId("cloud-trust").variables(vars)
            .send().join();
        assertThat(response.getFailureMessage()).as("failure for %s", vars).isNullOrEmpty();
        assertThat(response.getDecisionOutput()).as("decision for %s", vars).isEqualTo("\"" + c[3] + "\"");
      }
    }

    /** Stages every run walks through, with per-analyst references kept apart. */
    void assertCommonRun(String run, int rounds) {
      assertThat(count(run, JobTypes.GENERATE)).isEqualTo(1);
      assertThat(count(run, JobTypes.STORE)).isEqualTo(1);
      assertThat(count(run, JobTypes.SHARE_DATA_KEY)).isEqualTo(1);
      assertThat(jobs(run, JobTypes.ENCRYPT)).hasSize(1);
      assertThat(jobs(run, JobTypes.ISSUE_HE_KEYS)).hasSize(1);
      for (String type : List.of(JobTypes.ANALYST_DECRYPT, JobTypes.TRAIN, JobTypes.SECURE_MODEL)) {
        assertThat(jobs(run, type)).as(type).hasSize(2 * rounds);
        Set<String> pairs = new TreeSet<>();
        jobs(run, type).forEach(s -> pairs.add(s.round() + "/" + s.analystId()));
        assertThat(pairs).as(type).hasSize(2 * rounds);
      }
      // secure-model of analyst X sees X's own local model, never the other analyst's
      assertThat(jobs(run, JobTypes.SECURE_MODEL)).allSatisfy(s ->
          assertThat(((Map<?, ?>) s.variables().get("localModelRef")).get("id"))
              .isEqualTo("local/" + run + "/r" + s.round() + "/" + s.analystId()));
      // each round aggregates exactly one update per analyst
      for (String type : List.of(JobTypes.DECRYPT_AND_AVERAGE, JobTypes.AGGREGATE_ENCRYPTED)) {
        assertThat(jobs(run, type)).allSatisfy(s -> assertThat((List<Object>) s.variables().get("updateRefs"))
            .extracting(u -> (Object) ((Map<?, ?>) u).get("id"))
            .containsExactlyInAnyOrder("update/" + run + "/r" + s.round() + "/a1",
                "update/" + run + "/r" + s.round() + "/a2"));
      }
      assertThat(count(run, JobTypes.CLOSE_ROUND)).isEqualTo(rounds);
      assertThat(count(run, JobTypes.PUBLISH_MODEL)).isEqualTo(rounds);
      assertThat(count(run, JobTypes.TRIGGER_SERVICES)).isEqualTo(1);
    }

    void assertFinished(String run, String outcome, String endEventId) {
      assertThat(jobs(run, RUN_FINISHED)).singleElement().satisfies(s -> {
        assertThat(s.elementId()).isEqualTo(endEventId);
        assertThat(s.variables()).containsEntry("outcome", outcome).containsEntry("runId", run);
      });
      // The listener nature as the engine recorded it.
      long key = instanceKey(run);
      assertThat(engine.queries().jobs(key).stream().filter(j -> j.type().equals(RUN_FINISHED)))
          .singleElement()
          .satisfies(j -> {
            assertThat(j.kind()).isEqualTo("EXECUTION_LISTENER");
            assertThat(j.listenerEventType()).isEqualTo("END");
            assertThat(j.elementId()).isEqualTo(endEventId);
          });
    }

    /** Completed elements of the instance that produced these result variables (matched by runId). */
    Map<String, Long> completedElements(Map<String, Object> result) {
      String runId = (String) result.get("runId");
      long key = instanceKey(runId);
      Map<String, Long> counts = new HashMap<>();
      engine.queries().elementInstances(key).stream()
          .filter(e -> e.state().equals("COMPLETED"))
          .filter(e -> !e.type().equals("MULTI_INSTANCE_BODY"))
          .forEach(e -> counts.merge(e.elementId(), 1L, Long::sum));
      assertThat(engine.queries().incidents(key)).as("incidents of run %s", runId).isEmpty();
      return counts;
    }

    /** The process instance whose runId variable is runId (exactly one). */
    long instanceKey(String runId) {
      List<Long> keys = engine.queries().processInstancesWithVariable("runId", "\"" + runId + "\"");
      assertThat(keys).as("instances of run %s", runId).hasSize(1);
      return keys.get(0);
    }
  }
}
