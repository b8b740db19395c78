package io.flep.engine.rest;

/** A field of a search: its JSON name, the SQL expression it maps to, and its type. */
record Field(String name, String sql, FieldType type) {}
