package io.flep.workers.web.security;

import java.security.SecureRandom;

/**
 * Passwords FLEP makes for web users: 24 characters drawn uniformly by {@link SecureRandom} from 57 letters and
 * digits without look-alikes (no 0, O, 1, l, I), about 140 bits, so no password rule or throttling is needed to make
 * guessing hopeless. Users never choose their own; an admin resets a forgotten one.
 */
final class GeneratedPassword {
  static final int LENGTH = 24;
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedPassword() {}

  static String next() {
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
