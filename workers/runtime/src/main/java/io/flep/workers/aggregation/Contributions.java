package io.flep.workers.aggregation;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The analyst and signature recorded with each encrypted update. */
@Repository
public class Contributions {
  private final JdbcTemplate jdbc;

  public Contributions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A recorded contribution. {@code round} is what the analyst claimed; only the signature is evidence. */
  public record Contribution(UUID updateId, UUID heKeyId, int round, String analyst, byte[] signature) {}

  public void record(Contribution c) {
    jdbc.update("insert into contribution (update_artifact_id, key_id, round, analyst, signature)"
        + " values (?, ?, ?, ?, ?)", c.updateId(), c.heKeyId(), c.round(), c.analyst(), c.signature());
  }

  public Optional<Contribution> find(UUID updateId) {
    return jdbc.query("select key_id, round, analyst, signature from contribution where update_artifact_id = ?",
        (rs, i) -> new Contribution(updateId, rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
            rs.getBytes(4)), updateId).stream().findFirst();
  }
}
