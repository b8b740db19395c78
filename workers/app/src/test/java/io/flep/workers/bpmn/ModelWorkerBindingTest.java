package io.flep.workers.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.annotation.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.flep.workers.aggregation.Shareholders;
import io.flep.workers.task.JobTypes.JobType;
import io.flep.workers.task.JobTypes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/**
 * Ties every model in {@code bpmn/} to the workers: each job type the models use (service tasks and execution
 * listeners; FEEL-computed types enumerated over their variable's values) has exactly one {@code @JobWorker}
 * method, every worker's type occurs in a model, {@link JobTypes} lists exactly these types, and the table in
 * {@code docs/DEVELOPING.md} says what {@link JobTypes#ALL} says. A renamed job type fails here, not in a
 * ten-minute run.
 */
class ModelWorkerBindingTest {

  private static final Path BPMN = Path.of("..", "..", "bpmn");
  private static final Path DEVELOPING = Path.of("..", "..", "docs", "DEVELOPING.md");

  /** {@code ="<prefix>" + variable + "<suffix>"}: the only computed job-type form the models use. */
  private static final Pattern CONCATENATION =
      Pattern.compile("=\\s*\"([^\"]*)\"\\s*\\+\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\+\\s*\"([^\"]*)\"\\s*");

  /** The values a multi-instance input element that computes a job type can take. */
  private static final Map<String, List<String>> ELEMENT_VALUES = Map.of("shareholder", Shareholders.ROLES);

  /**
   * Input elements that name a party: {@code "flep.analyst." + analystId + ".train"} is one job type per analyst,
   * served by the worker of the template {@code flep.analyst.train} ({@link JobTypes#forAnalyst}).
   */
  private static final String PARTY_ELEMENT = "analystId";

  @Test
  void everyJobTypeOfTheModelsHasExactlyOneWorkerAndEveryWorkerIsUsed() throws IOException {
    Set<String> modelTypes = modelJobTypes();
    Map<String, List<String>> workers = workerMethodsByType();

    assertThat(workers).allSatisfy((type, methods) ->
        assertThat(methods).as("workers of job type %s", type).hasSize(1));
    assertThat(workers.keySet()).as("job types with a worker")
        .containsExactlyInAnyOrderElementsOf(modelTypes);
  }

  @Test
  void jobTypesListsEveryConstantOnceAndExactlyTheModelsTypes() throws Exception {
    Set<String> constants = new TreeSet<>();
    for (Field field : JobTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    List<String> listed = JobTypes.ALL.stream().map(JobType::type).toList();

    assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants);
    assertThat(constants).containsExactlyInAnyOrderElementsOf(modelJobTypes());
    assertThat(JobTypes.ALL).allSatisfy(t -> assertThat(t.type()).startsWith("flep." + roleInType(t) + "."));
  }

  @Test
  void theDevelopersGuideShowsTheSameTable() throws IOException {
    // rows like: | flep.data-owner.encrypt | data-owner | encrypt | Encrypt data |
    Pattern row = Pattern.compile("^\\|\\s*`?(flep\\.[a-z.-]+)`?\\s*\\|\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*\\|\\s*([^|]*?)\\s*\\|",
        Pattern.MULTILINE);
    Matcher m = row.matcher(Files.readString(DEVELOPING));
    List<JobType> documented = new ArrayList<>();
    while (m.find()) {
      documented.add(new JobType(m.group(1), m.group(2), m.group(3), m.group(4)));
    }
    assertThat(documented).as("job-type table of %s", DEVELOPING).containsExactlyElementsOf(JobTypes.ALL);
  }

  @Test
  void analystTasksArePartySpecific() {
    assertThat(expand("=\"flep.analyst.\" + analystId + \".train\"", "analystId")).containsExactly(JobTypes.TRAIN);
    assertThat(JobTypes.forAnalyst("analyst-2", JobTypes.TRAIN)).isEqualTo("flep.analyst.analyst-2.train");
    assertThat(JobTypes.analystOf("flep.analyst.analyst-2.train")).isEqualTo("analyst-2");
    assertThat(JobTypes.templateOf("flep.analyst.analyst-2.secure-model")).isEqualTo(JobTypes.SECURE_MODEL);
    assertThat(JobTypes.analystOf(JobTypes.TRAIN)).isNull();
    assertThatThrownBy(() -> JobTypes.forAnalyst("Analyst.1", JobTypes.TRAIN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Analyst.1");
  }

  @Test
  void aComputedJobTypeOfAnotherFormIsRejectedRatherThanSkipped() {
    assertThat(expand("=\"flep.\" + shareholder + \".partial-decrypt\"", "shareholder"))
        .containsExactly("flep.iiot.partial-decrypt", "flep.auditor.partial-decrypt", "flep.cloud.partial-decrypt");
    assertThatThrownBy(() -> expand("=lower case(role)", "role"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("lower case(role)");
  }

  private static String roleInType(JobType t) {
    return t.role().equals("any") ? "run" : t.role();
  }

  static Set<String> modelJobTypes() throws IOException {
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.list(BPMN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (ZeebeTaskDefinition definition : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
          types.addAll(expandAt(definition.getType(), (BaseElement) definition.getParentElement().getParentElement()));
        }
        for (ZeebeExecutionListener listener : model.getModelElementsByType(ZeebeExecutionListener.class)) {
          types.addAll(expandAt(listener.getType(), null));
        }
      }
    }
    assertThat(types).as("job types in %s", BPMN).isNotEmpty();
    return types;
  }

  private static List<String> expandAt(String type, BaseElement element) {
    if (!type.startsWith("=")) {
      return List.of(type);
    }
    Matcher party = CONCATENATION.matcher(type);
    if (party.matches() && party.group(2).equals(PARTY_ELEMENT)) {
      return expand(type, PARTY_ELEMENT); // one per analyst of the enclosing multi-instance: its template
    }
    assertThat(element).as("computed job type %s outside a task", type).isInstanceOf(Activity.class);
    var loop = ((Activity) element).getLoopCharacteristics();
    assertThat(loop).as("computed job type %s needs a multi-instance element to enumerate", type)
        .isInstanceOf(MultiInstanceLoopCharacteristics.class);
    String variable = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class).getInputElement();
    return expand(type, variable);
  }

  private static List<String> expand(String type, String variable) {
    Matcher m = CONCATENATION.matcher(type);
    if (m.matches() && m.group(2).equals(PARTY_ELEMENT) && variable.equals(PARTY_ELEMENT)) {
      String template = m.group(1).substring(0, m.group(1).length() - 1) + m.group(3);
      assertThat(JobTypes.forAnalyst("a1", template)).as("party-specific type %s", type)
          .isEqualTo(m.group(1) + "a1" + m.group(3));
      return List.of(template);
    }
    if (!m.matches() || !m.group(2).equals(variable) || !ELEMENT_VALUES.containsKey(variable)) {
      throw new AssertionError("computed job type " + type + " is not \"prefix\" + " + variable
          + " + \"suffix\" over a known input element (" + ELEMENT_VALUES.keySet() + "): teach this test its values");
    }
    return ELEMENT_VALUES.get(variable).stream().map(v -> m.group(1) + v + m.group(3)).toList();
  }

  private static Map<String, List<String>> workerMethodsByType() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    Map<String, List<String>> byType = new TreeMap<>();
    for (BeanDefinition bean : scanner.findCandidateComponents("io.flep")) {
      Class<?> type;
      try {
        type = Class.forName(bean.getBeanClassName());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      for (Method method : type.getDeclaredMethods()) {
        JobWorker worker = method.getAnnotation(JobWorker.class);
        if (worker != null) {
          byType.computeIfAbsent(worker.type(), t -> new ArrayList<>()).add(type.getSimpleName() + "#" + method.getName());
        }
      }
    }
    return byType;
  }
}
