package io.flep.workers.federation;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.DeploymentEvent;
import io.flep.workers.FlepApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the federation admin deploys: the lifecycle model and the trust decision FLEP ships (or model files of the
 * admin's own), sent in one deployment by a client allowed to deploy.
 */
public final class FederationModels {
  /** A model to deploy: its file name (which says BPMN or DMN) and content. */
  public record Model(String name, byte[] content) {}

  private FederationModels() {}

  /** The models this FLEP build ships ({@link FlepApplication#PROCESS_MODELS}, {@link FlepApplication#DECISION_MODELS}). */
  public static List<Model> bundled() {
    List<Model> models = new ArrayList<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : List.of(FlepApplication.PROCESS_MODELS, FlepApplication.DECISION_MODELS)) {
        for (Resource model : resolver.getResources(pattern)) {
          models.add(new Model(model.getFilename(), model.getContentAsByteArray()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the models to deploy: " + e.getMessage(), e);
    }
    if (models.isEmpty()) {
      throw new IllegalStateException("no model to deploy on the class path (" + FlepApplication.PROCESS_MODELS
          + ", " + FlepApplication.DECISION_MODELS + "): the FLEP build is incomplete");
    }
    return models;
  }

  /**
   * Model files given by name.
   *
   * @throws IllegalArgumentException naming a file that is missing, or not a {@code .bpmn} or {@code .dmn} file
   */
  public static List<Model> files(List<Path> files) {
    List<Model> models = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!name.endsWith(".bpmn") && !name.endsWith(".dmn")) {
        throw new IllegalArgumentException(file + ": only .bpmn and .dmn files are deployed");
      }
      try {
        models.add(new Model(name, Files.readAllBytes(file)));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the model " + file + ": " + e.getMessage(), e);
      }
    }
    return models;
  }

  /** Deploys {@code models} in one deployment (all or none) and waits for the engine's answer. */
  public static DeploymentEvent deploy(CamundaClient client, List<Model> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("nothing to deploy");
    }
    DeployResourceCommandStep2 deployment = null;
    for (Model model : models) {
      deployment = deployment == null
          ? client.newDeployResourceCommand().addResourceBytes(model.content(), model.name())
          : deployment.addResourceBytes(model.content(), model.name());
    }
    return deployment.send().join();
  }
}
