package io.flep.workers.holdings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a party's store holds, read straight from its tables: keys (with whether a secret part is stored), artifacts
 * by kind, data-set rows; and whether any of it is plaintext data, a plaintext model, or a secret key beyond the
 * party's own identity keys ({@code foreignSecrets}: a data key, an HE key or share) — so that an operator can check
 * that, say, the untrusted cloud holds nothing it should not.
 */
public record Holdings(List<Key> keys, List<Artifacts> artifacts, long datasetRows, boolean plaintextData,
    boolean plaintextModel, boolean foreignSecrets) {

  /** The party's own identity keys: every party has them, their secrets are the party's own. */
  static final Set<String> IDENTITY_PURPOSES = Set.of("IDENTITY", "AGREEMENT");

  /** Artifact kinds that are plaintext data: device images, the data set's images, a test set. */
  static final Set<String> PLAINTEXT_DATA = Set.of("device-batch", "image", "test-set");
  /** Artifact kinds that are a plaintext model no one else may see: an analyst's local model. */
  static final Set<String> PLAINTEXT_MODEL = Set.of("local-model");

  public record Key(String purpose, String scheme, String owner, String run, boolean secret) {}

  public record Artifacts(String kind, String owner, long count, long bytes, boolean plaintextData,
      boolean plaintextModel) {}

  public static Holdings read(Connection db) throws SQLException {
    List<Key> keys = new ArrayList<>();
    List<Artifacts> artifacts = new ArrayList<>();
    long datasetRows;
    try (Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("select purpose, scheme_id, owner, run_id::text, wrapped_secret is not null"
          + " from key_material order by created_at")) {
        while (rs.next()) {
          keys.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
        }
      }
      try (ResultSet rs = s.executeQuery("select kind, owner, count(*), coalesce(sum(size_bytes), 0) from artifact"
          + " group by kind, owner order by kind, owner")) {
        while (rs.next()) {
          String kind = rs.getString(1);
          artifacts.add(new Artifacts(kind, rs.getString(2), rs.getLong(3), rs.getLong(4),
              PLAINTEXT_DATA.contains(kind), PLAINTEXT_MODEL.contains(kind)));
        }
      }
      try (ResultSet rs = s.executeQuery("select count(*) from dataset_item")) {
        rs.next();
        datasetRows = rs.getLong(1);
      }
    }
    boolean data = datasetRows > 0 || artifacts.stream().anyMatch(Artifacts::plaintextData);
    boolean model = artifacts.stream().anyMatch(Artifacts::plaintextModel);
    boolean secret = keys.stream().anyMatch(k -> k.secret() && !IDENTITY_PURPOSES.contains(k.purpose()));
    return new Holdings(keys, artifacts, datasetRows, data, model, secret);
  }
}
