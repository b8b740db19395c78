package io.flep.workers.store;

import io.flep.exchange.Sha256;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.IntegrityViolationException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Content-addressed blobs of the private database: images, ciphertexts, models, manifests. */
@Repository
public class ArtifactStore {
  private final JdbcTemplate jdbc;

  public ArtifactStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What to store; {@code metadata} is JSON or null. */
  public record NewArtifact(String kind, String owner, String mediaType, byte[] content, String metadata) {}

  public Ref put(UUID runId, NewArtifact artifact) {
    return putAll(runId, List.of(artifact)).get(0);
  }

  /** Stores many artifacts in one batch (thousands of small images per data set). */
  public List<Ref> putAll(UUID runId, List<NewArtifact> artifacts) {
    List<Row> rows = new ArrayList<>(artifacts.size());
    for (NewArtifact a : artifacts) {
      rows.add(new Row(new Ref(UUID.randomUUID(), Sha256.hex(a.content()), a.content().length), a));
    }
    jdbc.batchUpdate(
        "insert into artifact (id, run_id, kind, owner, media_type, sha256, size_bytes, content, metadata)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))",
        rows,
        500,
        (PreparedStatement ps, Row row) -> {
          ps.setObject(1, row.ref().id());
          ps.setObject(2, runId);
          ps.setString(3, row.artifact().kind());
          ps.setString(4, row.artifact().owner());
          ps.setString(5, row.artifact().mediaType());
          ps.setString(6, row.ref().sha256());
          ps.setLong(7, row.ref().size());
          ps.setBytes(8, row.artifact().content());
          ps.setString(9, row.artifact().metadata());
        });
    return rows.stream().map(Row::ref).toList();
  }

  private record Row(Ref ref, NewArtifact artifact) {}

  /** Reads an artifact and verifies its digest; the reference's digest, when given, must match too. */
  public Artifact get(Ref ref) {
    Artifact artifact = get(ref.id());
    if (ref.sha256() != null && !ref.sha256().equals("null") && !ref.sha256().equals(artifact.ref().sha256())) {
      throw new IntegrityViolationException(
          "artifact " + ref.id() + " has digest " + artifact.ref().sha256() + " but the reference expects " + ref.sha256());
    }
    return artifact;
  }

  /** The id of the run's artifact of this kind owned by {@code owner}, if there is one (the first stored). */
  public java.util.Optional<UUID> find(UUID runId, String kind, String owner) {
    return jdbc.queryForList("select id from artifact where run_id = ? and kind = ? and owner = ? order by created_at",
        UUID.class, runId, kind, owner).stream().findFirst();
  }

  public Artifact get(UUID id) {
    return getAll(List.of(id)).get(0);
  }

  /** Reads many artifacts in one query, in the order of {@code ids}, each verified against its digest. */
  public List<Artifact> getAll(List<UUID> ids) {
    Map<UUID, Artifact> found = new HashMap<>();
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(
              "select id, kind, owner, media_type, sha256, size_bytes, content from artifact where id = any(?)");
          ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
          return ps;
        },
        rs -> {
          UUID id = rs.getObject("id", UUID.class);
          byte[] content = rs.getBytes("content");
          String stored = rs.getString("sha256");
          String actual = Sha256.hex(content);
          if (!stored.equals(actual)) {
            throw new IntegrityViolationException(
                "artifact " + id + " was altered in the private database: stored digest " + stored
                    + ", content digest " + actual);
          }
          found.put(id, new Artifact(new Ref(id, stored, rs.getLong("size_bytes")), rs.getString("kind"),
              rs.getString("owner"), rs.getString("media_type"), content));
        });
    List<Artifact> result = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      Artifact artifact = found.get(id);
      if (artifact == null) {
        throw new BadInputException("no artifact " + id + " in the private database");
      }
      result.add(artifact);
    }
    return result;
  }
}
