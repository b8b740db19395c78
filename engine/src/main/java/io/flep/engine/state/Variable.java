package io.flep.engine.state;

/** A variable of a scope (an element instance), its value as JSON text. */
public final class Variable {
  public final long key;
  public final long scopeKey;
  public final long processInstanceKey;
  public final String name;
  public String json;

  public Variable(long key, long scopeKey, long processInstanceKey, String name, String json) {
    this.key = key;
    this.scopeKey = scopeKey;
    this.processInstanceKey = processInstanceKey;
    this.name = name;
    this.json = json;
  }
}
