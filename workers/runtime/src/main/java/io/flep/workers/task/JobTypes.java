package io.flep.workers.task;

import java.util.List;

/**
 * Every job type of the lifecycle model ({@code bpmn/flep-lifecycle.bpmn}), the one place they are spelled: each
 * {@code @JobWorker} names its constant, and the model-binding test checks the model's task types one-to-one
 * against the workers and this list. A job type is {@code flep.<role>.<task>}.
 */
public final class JobTypes {
  public static final String GENERATE = "flep.data-owner.generate";
  public static final String STORE = "flep.data-owner.store";
  public static final String ENCRYPT = "flep.data-owner.encrypt";
  public static final String SHARE_DATA_KEY = "flep.data-owner.share-data-key";
  public static final String ISSUE_HE_KEYS = "flep.iiot.issue-he-keys";
  /**
   * The analyst's tasks are party-specific: the model computes {@code "flep.analyst." + analystId + ".decrypt"}, and
   * an analyst's workers subscribe to its own id's types only ({@link #forAnalyst}); these are the templates.
   */
  public static final String ANALYST_DECRYPT = "flep.analyst.decrypt";
  public static final String TRAIN = "flep.analyst.train";
  public static final String SECURE_MODEL = "flep.analyst.secure-model";
  /** Closes a round after the analysts' contributions or the round deadline: contributors, missed analysts, K. */
  public static final String CLOSE_ROUND = "flep.iiot.close-round";
  public static final String GRANT_HE_KEY = "flep.iiot.grant-he-key";
  public static final String DECRYPT_AND_AVERAGE = "flep.cloud.decrypt-and-average";
  public static final String AGGREGATE_ENCRYPTED = "flep.cloud.aggregate-encrypted";
  public static final String DECRYPT_AGGREGATE = "flep.iiot.decrypt-aggregate";
  /** The model computes this family as {@code "flep." + shareholder + ".partial-decrypt"}, one per share holder. */
  public static final String IIOT_PARTIAL_DECRYPT = "flep.iiot.partial-decrypt";
  public static final String AUDITOR_PARTIAL_DECRYPT = "flep.auditor.partial-decrypt";
  public static final String CLOUD_PARTIAL_DECRYPT = "flep.cloud.partial-decrypt";
  public static final String COMBINE_PARTIAL_DECRYPTIONS = "flep.iiot.combine-partial-decryptions";
  public static final String PUBLISH_MODEL = "flep.iiot.publish-model";
  public static final String TRIGGER_SERVICES = "flep.iiot.trigger-services";
  /** The process's end execution listener. */
  public static final String RUN_FINISHED = "flep.run.finished";

  /**
   * A job type with what the documentation says of it.
   *
   * @param type the job type
   * @param role the role whose workers activate it ({@code any} for the run bookkeeping)
   * @param stage the report stage its work counts towards, or {@code -} for none
   * @param task the name of its task in the diagram
   */
  public record JobType(String type, String role, String stage, String task) {}

  /** Every job type, in lifecycle order. */
  public static final List<JobType> ALL = List.of(
      new JobType(GENERATE, "data-owner", "generate", "Generate device data"),
      new JobType(STORE, "data-owner", "store", "Store in private database"),
      new JobType(ENCRYPT, "data-owner", "encrypt", "Encrypt data"),
      new JobType(SHARE_DATA_KEY, "data-owner", "share-keys", "Share data key with analysts"),
      new JobType(ISSUE_HE_KEYS, "iiot", "share-keys", "Issue HE key pair"),
      new JobType(ANALYST_DECRYPT, "analyst", "analyze", "Decrypt data"),
      new JobType(TRAIN, "analyst", "analyze", "Train locally"),
      new JobType(SECURE_MODEL, "analyst", "secure-model", "HE-encrypt model update"),
      new JobType(CLOSE_ROUND, "iiot", "aggregate", "Close round"),
      new JobType(GRANT_HE_KEY, "iiot", "aggregate", "Grant HE key to trusted cloud"),
      new JobType(DECRYPT_AND_AVERAGE, "cloud", "aggregate", "Decrypt aggregate and average"),
      new JobType(AGGREGATE_ENCRYPTED, "cloud", "aggregate", "Aggregate ciphertexts"),
      new JobType(DECRYPT_AGGREGATE, "iiot", "aggregate", "Decrypt aggregate"),
      new JobType(IIOT_PARTIAL_DECRYPT, "iiot", "aggregate", "Partial decryption"),
      new JobType(AUDITOR_PARTIAL_DECRYPT, "auditor", "aggregate", "Partial decryption"),
      new JobType(CLOUD_PARTIAL_DECRYPT, "cloud", "aggregate", "Partial decryption"),
      new JobType(COMBINE_PARTIAL_DECRYPTIONS, "iiot", "aggregate", "Combine partial decryptions"),
      new JobType(PUBLISH_MODEL, "iiot", "serve", "Publish global model"),
      new JobType(TRIGGER_SERVICES, "iiot", "serve", "Trigger IIoT services"),
      new JobType(RUN_FINISHED, "any", "-", "(execution listener, end of the process)"));

  private static final String ANALYST_PREFIX = "flep.analyst.";

  /** The job type of analyst {@code analystId} for the analyst task {@code template} (e.g. {@link #TRAIN}). */
  public static String forAnalyst(String analystId, String template) {
    if (!template.startsWith(ANALYST_PREFIX) || template.substring(ANALYST_PREFIX.length()).contains(".")) {
      throw new IllegalArgumentException("not an analyst task template: " + template);
    }
    if (!analystId.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("an analyst id is 1 to 64 lowercase letters, digits, '_' or '-', starting"
          + " with a letter or digit: '" + analystId + "'");
    }
    return ANALYST_PREFIX + analystId + "." + template.substring(ANALYST_PREFIX.length());
  }

  /** The analyst id a party-specific analyst job type names, or null for any other type. */
  public static String analystOf(String type) {
    if (!type.startsWith(ANALYST_PREFIX)) {
      return null;
    }
    String rest = type.substring(ANALYST_PREFIX.length());
    int dot = rest.indexOf('.');
    return dot > 0 ? rest.substring(0, dot) : null;
  }

  /** The template of a party-specific analyst type ({@code flep.analyst.a1.train → flep.analyst.train}). */
  public static String templateOf(String type) {
    String analyst = analystOf(type);
    return analyst == null ? type : ANALYST_PREFIX + type.substring(ANALYST_PREFIX.length() + analyst.length() + 1);
  }

  private JobTypes() {}
}
