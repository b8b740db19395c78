package io.flep.engine.rest;

/** How a searchable field is stored, so that filter values can be converted and compared. */
enum FieldType {
  /** A key: a decimal string (or number) in JSON, a bigint column. */
  KEY,
  TEXT,
  INTEGER,
  DATE,
  /** ACTIVE / COMPLETED / TERMINATED over the engine's finer element states. */
  STATE,
  BOOLEAN
}
