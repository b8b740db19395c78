package io.flep.workers.store;

/** Bytes read back from the private database, already checked against their stored SHA-256. */
public record Artifact(Ref ref, String kind, String owner, String mediaType, byte[] content) {}
