package io.flep.workers.analyst;

import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.task.RunFinishedEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An analyst's decrypted shard, held in this worker's memory only: plaintext never goes back to the shared
 * database. Dropped when the run finishes; a restarted worker simply decrypts again.
 */
@Component
public class AnalystWorkspace {
  private final Map<String, List<LabeledImage>> shards = new ConcurrentHashMap<>();

  void put(UUID runId, String analystId, List<LabeledImage> shard) {
    shards.put(key(runId, analystId), List.copyOf(shard));
  }

  Optional<List<LabeledImage>> get(UUID runId, String analystId) {
    return Optional.ofNullable(shards.get(key(runId, analystId)));
  }

  @EventListener
  public void onRunFinished(RunFinishedEvent event) {
    String prefix = event.runId() + "/";
    shards.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private static String key(UUID runId, String analystId) {
    return runId + "/" + analystId;
  }
}
