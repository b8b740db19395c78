package io.flep.workers.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The run's data set in the data owner's store: one row per image with its label, split and analyst shard. */
@Repository
public class DatasetRepository {
  private final JdbcTemplate jdbc;

  public DatasetRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One image of the data set. {@code shard} is null for the held-out test split. */
  public record Item(int index, String sourceName, int label, String split, Integer shard, UUID plainArtifactId) {}

  public void insertAll(UUID runId, List<Item> items) {
    jdbc.batchUpdate(
        "insert into dataset_item (run_id, item_index, source_name, label, split, shard, plain_artifact_id)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        items,
        1000,
        (ps, item) -> {
          ps.setObject(1, runId);
          ps.setInt(2, item.index());
          ps.setString(3, item.sourceName());
          ps.setInt(4, item.label());
          ps.setString(5, item.split());
          ps.setObject(6, item.shard());
          ps.setObject(7, item.plainArtifactId());
        });
  }

  public List<Item> all(UUID runId) {
    return jdbc.query("select * from dataset_item where run_id = ? order by item_index", (rs, n) -> map(rs), runId);
  }

  public List<Item> shard(UUID runId, int shard) {
    return jdbc.query(
        "select * from dataset_item where run_id = ? and shard = ? order by item_index", (rs, n) -> map(rs), runId, shard);
  }

  public List<Item> testSplit(UUID runId) {
    return jdbc.query(
        "select * from dataset_item where run_id = ? and split = 'test' order by item_index", (rs, n) -> map(rs), runId);
  }

  private static Item map(java.sql.ResultSet rs) throws java.sql.SQLException {
    int shard = rs.getInt("shard");
    Integer s = rs.wasNull() ? null : shard;
    return new Item(
        rs.getInt("item_index"), rs.getString("source_name"), rs.getInt("label"), rs.getString("split"), s,
        rs.getObject("plain_artifact_id", UUID.class));
  }
}
