package io.flep.exchange.federation;

import io.flep.exchange.ExchangeIntegrityException;

/**
 * A certificate (a party's, or the federation root) that is not valid at this time: expired or not yet valid. Its
 * signatures are refused like any unverifiable one, but the cause is operational — the admin renews the certificate —
 * not a party breaking the rules, so callers may treat it as a technical failure rather than an integrity violation.
 */
public final class CertificateOutOfDateException extends ExchangeIntegrityException {
  public CertificateOutOfDateException(String message, Throwable cause) {
    super(message, cause);
  }
}
