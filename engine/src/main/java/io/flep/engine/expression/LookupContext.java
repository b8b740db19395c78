package io.flep.engine.expression;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.Val;
import scala.Option;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The root FEEL context of one evaluation: looks variables up by name through a {@link
 * VariableLookup} when the expression references them, once per name, instead of copying all
 * variables. Not thread-safe; one instance per evaluation. The root context cannot be enumerated
 * ({@link #keys()} is empty), which FEEL only needs for contexts held in values.
 */
final class LookupContext implements Context, VariableProvider {

  private final VariableLookup lookup;
  private final Map<String, Optional<Val>> cache = new HashMap<>();
  private RuntimeException lookupFailure;

  LookupContext(VariableLookup lookup) {
    this.lookup = lookup;
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
    Optional<Val> value = cache.computeIfAbsent(name, this::lookUp);
    return value.isPresent() ? Option.apply(value.get()) : Option.empty();
  }

  private Optional<Val> lookUp(String name) {
    try {
      return lookup.get(name).map(FeelValues::toFeel);
    } catch (RuntimeException e) {
      if (lookupFailure == null) {
        lookupFailure = e;
      }
      return Optional.empty();
    }
  }

  @Override
  public Iterable<String> keys() {
    return CollectionConverters.asScala(List.<String>of());
  }

  /** Rethrows the first exception the lookup threw, which FEEL would otherwise have swallowed. */
  void rethrowLookupFailure() {
    if (lookupFailure != null) {
      throw lookupFailure;
    }
  }
}
