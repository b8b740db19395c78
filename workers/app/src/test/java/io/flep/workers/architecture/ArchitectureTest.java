package io.flep.workers.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module layout's dependency rules (docs/DEVELOPING.md, "Modules"), checked on the production classes of
 * every module on this test class path — the SPI, the plugin host, the PNG container, every plugin, the worker
 * runtime, the data set, learning, every role and the application. The lab is not on it: rules about the lab
 * check the names production classes refer to.
 */
class ArchitectureTest {

  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.flep");

  /** Plugin module → its packages. */
  private static final Map<String, List<String>> PLUGINS = Map.of(
      "aes-gcm", List.of("io.flep.encryption.aesgcm.."),
      "three-layer", List.of("io.flep.encryption.threelayer..", "io.flep.encryption.hardened.."),
      "wiener", List.of("io.flep.encryption.wiener.."),
      "dncnn", List.of("io.flep.encryption.dncnn.."),
      "paillier", List.of("io.flep.he.paillier.."));

  private static final List<String> ROLES = List.of("dataowner", "analyst", "cloud", "iiot", "auditor");

  private static final String[] PLUGIN_PACKAGES =
      PLUGINS.values().stream().flatMap(List::stream).toArray(String[]::new);

  @Test
  void everyModuleIsOnTheClassPathOfThisTest() {
    Stream.of("io.flep.plugin.api.FlepPlugin", "io.flep.plugin.host.PluginRegistry", "io.flep.encryption.png.ImageCodec",
            "io.flep.encryption.aesgcm.AesGcmProvider", "io.flep.encryption.threelayer.ThreeLayerProvider",
            "io.flep.encryption.wiener.WienerProvider", "io.flep.encryption.dncnn.DnCnnProvider",
            "io.flep.he.paillier.PaillierSchemeProvider", "io.flep.workers.task.StageRunner",
            "io.flep.workers.dataset.LabeledImage", "io.flep.workers.learning.DigitModel",
            "io.flep.workers.dataowner.EncryptWorker", "io.flep.workers.analyst.TrainWorker",
            "io.flep.workers.cloud.AggregateEncryptedWorker", "io.flep.workers.iiot.PublishModelWorker",
            "io.flep.workers.auditor.AuditorPartialDecryptWorker", "io.flep.workers.cli.FlepMain",
            "io.flep.engine.FlepEngine", "io.flep.exchange.Exchange")
        .forEach(name -> {
          if (!PRODUCTION.contain(name)) {
            throw new AssertionError(name + " was not imported: the architecture rules would not see its module");
          }
        });
  }

  @Test
  void theExchangeDependsOnNoOtherFlepModule() {
    noClasses().that().resideInAPackage("io.flep.exchange..")
        .should().dependOnClassesThat(flepClassOutside("io.flep.exchange.."))
        .check(PRODUCTION);
  }

  @Test
  void theEngineDependsOnNoOtherFlepModule() {
    noClasses().that().resideInAPackage("io.flep.engine..")
        .should().dependOnClassesThat(flepClassOutside("io.flep.engine.."))
        .check(PRODUCTION);
  }

  @Test
  void workersReachTheEngineOnlyThroughTheCamundaClient() {
    // same workers, any engine: only the application's engine embedding and command line know FLEP's engine
    noClasses().that().resideInAPackage("io.flep.workers..")
        .and().resideOutsideOfPackages("io.flep.workers.engine..", "io.flep.workers.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.flep.engine..")
        .check(PRODUCTION);
  }

  @Test
  void theSpiUsesTheJdkOnly() {
    noClasses().that().resideInAPackage("io.flep.plugin.api..")
        .should().dependOnClassesThat(outside("io.flep.plugin.api..", "java..", "javax.."))
        .check(PRODUCTION);
  }

  @Test
  void pluginsDependOnlyOnTheSpi() {
    PLUGINS.forEach((module, packages) -> {
      String[] own = packages.toArray(String[]::new);
      noClasses().that().resideInAnyPackage(own)
          .should().dependOnClassesThat(flepClassOutside(concat(own, "io.flep.plugin.api..")))
          .as("plugin module " + module + " depends only on the SPI among FLEP's modules")
          .check(PRODUCTION);
    });
  }

  @Test
  void productionReachesPluginsOnlyThroughTheSpi() {
    noClasses().that().resideOutsideOfPackages(PLUGIN_PACKAGES)
        .should().dependOnClassesThat().resideInAnyPackage(PLUGIN_PACKAGES)
        .check(PRODUCTION);
  }

  @Test
  void rolesDoNotDependOnEachOther() {
    for (String role : ROLES) {
      String[] others = ROLES.stream().filter(r -> !r.equals(role)).map(r -> "io.flep.workers." + r + "..")
          .toArray(String[]::new);
      noClasses().that().resideInAPackage("io.flep.workers." + role + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .check(PRODUCTION);
    }
  }

  @Test
  void nothingInProductionDependsOnTheLab() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.flep.lab..").check(PRODUCTION);
  }

  @Test
  void jobWorkersAndMachineLearningLiveInDifferentModules() {
    String[] rolePackages = ROLES.stream().map(r -> "io.flep.workers." + r + "..").toArray(String[]::new);
    noClasses().that().resideInAnyPackage(rolePackages).or().resideInAPackage("io.flep.workers.run..")
        .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.bytedeco..")
        .check(PRODUCTION);
  }

  @Test
  void theSharedRuntimeCarriesNoMachineLearningAndNoImageCode() {
    noClasses().that().resideInAnyPackage("io.flep.workers.task..", "io.flep.workers.store..",
            "io.flep.workers.config..", "io.flep.workers.aggregation..", "io.flep.workers.privacy..",
            "io.flep.workers.model..", "io.flep.workers.cloud..", "io.flep.workers.auditor..")
        .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.bytedeco..",
            "io.flep.encryption.png..", "io.flep.workers.dataset..", "io.flep.workers.learning..", "javax.imageio..")
        .check(PRODUCTION);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.flep.(**)").should().beFreeOfCycles().check(PRODUCTION);
  }

  private static DescribedPredicate<JavaClass> outside(String... packages) {
    return DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(packages))
        .as("classes outside " + String.join(", ", packages));
  }

  private static DescribedPredicate<JavaClass> flepClassOutside(String... packages) {
    return JavaClass.Predicates.resideInAPackage("io.flep..")
        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(packages)))
        .as("FLEP classes outside " + String.join(", ", packages));
  }

  private static String[] concat(String[] a, String... b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }
}
