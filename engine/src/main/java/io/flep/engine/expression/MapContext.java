package io.flep.engine.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import scala.Option;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A FEEL context over a Java map: entries are converted to FEEL values when FEEL reads them, so a
 * large nested document is not copied; key order is the map's iteration order. Reads the map on
 * each access; the map must not change during an evaluation.
 */
final class MapContext implements Context, VariableProvider {

  private final Map<?, ?> map;

  MapContext(Map<?, ?> map) {
    this.map = map;
  }

  @Override
  public VariableProvider variableProvider() {
    return this;
  }

  @Override
  public FunctionProvider functionProvider() {
    return FunctionProvider.EmptyFunctionProvider$.MODULE$;
  }

  @Override
  public Option<Object> getVariable(String name) {
    if (!map.containsKey(name)) {
      return Option.empty();
    }
    return Option.apply(FeelValues.toFeel(map.get(name)));
  }

  @Override
  public Iterable<String> keys() {
    List<String> keys = new ArrayList<>(map.size());
    for (Object key : map.keySet()) {
      keys.add(String.valueOf(key));
    }
    return CollectionConverters.asScala(keys);
  }

  @Override
  public String toString() {
    return "MapContext" + keys();
  }
}
