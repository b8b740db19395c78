package io.flep.workers.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.workers.config.Roles;
import io.flep.workers.party.Statements;
import io.flep.workers.store.ModelRepository.RoundRow;
import io.flep.workers.store.StageRepository.StageRow;
import io.flep.workers.task.StageStatements;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A run's stage and round records as the parties stated them in the exchange, each statement verified: how the
 * coordinator follows a run whose parties keep their records in stores of their own.
 */
@Component
public class RunRecords {
  /** The IIoT services' statement of a published round. */
  public static final String ROUND_RESULT = "round-result";
  /** The IIoT services' statement of a closed round: contributors, missed analysts, K, deadline. */
  public static final String ROUND_CLOSED = "round-closed";

  private final Statements statements;
  private final ObjectMapper json;

  public RunRecords(Statements statements, ObjectMapper json) {
    this.statements = statements;
    this.json = json;
  }

  /** Every finished task of the run, in the order the parties finished them. */
  public List<StageRow> stages(UUID runId) {
    List<Statements.Statement> all = new ArrayList<>(statements.all(runId, StageStatements.KIND,
        Roles.ALL.toArray(String[]::new)));
    all.sort(Comparator.comparingLong(s -> number(s.fact().get("finishedAt"))));
    List<StageRow> rows = new ArrayList<>(all.size());
    for (Statements.Statement s : all) {
      Map<String, Object> f = s.fact();
      if (!s.producer().equals(f.get("actor"))) {
        continue; // a party states only its own work
      }
      rows.add(new StageRow(Long.parseUnsignedLong(s.address().substring(0, 15), 16), string(f.get("stage")),
          string(f.get("taskType")), f.get("round") instanceof Number n ? n.intValue() : null, s.producer(),
          string(f.get("status")), number(f.get("ms")), string(f.get("message")), details(f.get("details"))));
    }
    return rows;
  }

  /** The rounds the IIoT services published, one per round (a restated round replaces the earlier statement). */
  public List<RoundRow> rounds(UUID runId) {
    Map<Integer, RoundRow> byRound = new TreeMap<>();
    for (Statements.Statement s : statements.all(runId, ROUND_RESULT, Roles.IIOT)) {
      Map<String, Object> f = s.fact();
      int round = (int) number(f.get("round"));
      byRound.put(round, new RoundRow(round, string(f.get("path")), ((Number) f.get("accuracy")).doubleValue(),
          (int) number(f.get("contributors")), decimal(f.get("maxAbsDiff")), decimal(f.get("plaintextAccuracy"))));
    }
    return List.copyOf(byRound.values());
  }

  /** The rounds the IIoT services closed, one per round, each as they stated it. */
  public List<RunReport.Participation> closures(UUID runId) {
    Map<Integer, RunReport.Participation> byRound = new TreeMap<>();
    for (Statements.Statement s : statements.all(runId, ROUND_CLOSED, Roles.IIOT)) {
      Map<String, Object> f = s.fact();
      int round = (int) number(f.get("round"));
      byRound.put(round, new RunReport.Participation(round, strings(f.get("contributors")), strings(f.get("missed")),
          (int) number(f.get("minContributors")), string(f.get("roundDeadline")), Boolean.TRUE.equals(f.get("refused"))));
    }
    return List.copyOf(byRound.values());
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private String details(Object details) {
    try {
      return details == null ? null : json.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Double decimal(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
