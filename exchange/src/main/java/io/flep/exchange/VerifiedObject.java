package io.flep.exchange;

/** An exchange object whose digest, signature and producer role were checked; its content may be used. */
public record VerifiedObject(ExchangeRef ref, ObjectHeader header, byte[] content) {}
