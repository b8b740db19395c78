package io.flep.workers.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores each homomorphic key's {@link AggregationPolicy} when the key is issued. */
@Repository
public class AggregationPolicies {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public AggregationPolicies(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void store(UUID keyId, AggregationPolicy policy) {
    try {
      jdbc.update("insert into aggregation_policy (key_id, min_contributors, contributors) values (?, ?, ?::jsonb)",
          keyId, policy.minContributors(), json.writeValueAsString(policy.contributors()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a list of strings always serialises
    }
  }

  public Optional<AggregationPolicy> load(UUID keyId) {
    return jdbc.query("select min_contributors, contributors::text from aggregation_policy where key_id = ?",
        (rs, i) -> new AggregationPolicy(rs.getInt(1), parse(rs.getString(2))), keyId).stream().findFirst();
  }

  private List<String> parse(String contributors) {
    try {
      return json.readValue(contributors, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored aggregation policy is corrupt: " + e.getMessage(), e);
    }
  }
}
