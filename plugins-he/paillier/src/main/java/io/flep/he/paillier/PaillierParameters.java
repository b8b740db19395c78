package io.flep.he.paillier;

import io.flep.plugin.api.he.HeParameters;
import io.flep.plugin.api.param.BooleanParameter;
import io.flep.plugin.api.param.Constraint;
import io.flep.plugin.api.param.DecimalParameter;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;

/** The key-generation options of {@code paillier}, with the limits {@link FixedPointPacker} and the key enforce. */
final class PaillierParameters {
  static final IntegerParameter KEY_BITS = Parameter.integer("keyBits")
      .oneOf(1024, 1536, 2048, 3072, 4096).defaultValue(2048)
      .description("bit length of the modulus n (2048 is about 112-bit security); 1024 and 1536 need allowWeakKeys")
      .securityRelevant();
  static final BooleanParameter ALLOW_WEAK_KEYS = Parameter.bool("allowWeakKeys")
      .defaultValue(false)
      .description("permit keyBits 1024 or 1536, for tests only")
      .securityRelevant();
  static final IntegerParameter FRACTION_BITS = Parameter.integer("fractionBits")
      .range(0, 48).defaultValue(PaillierSchemeProvider.DEFAULT_FRACTION_BITS)
      .description("fixed-point precision: values are encoded as multiples of 2^-fractionBits");
  static final DecimalParameter CLIP_BOUND = Parameter.decimal("clipBound")
      .greaterThan(0).defaultValue(PaillierSchemeProvider.DEFAULT_CLIP_BOUND)
      .description("values are clipped to [-clipBound, clipBound] before encoding; clipped values are counted");
  static final IntegerParameter SLOTS = Parameter.integer("slots")
      .atLeast(1).orValue(0, "as many as fit").defaultValue(0)
      .description("at most this many values per ciphertext; 1 is unpacked textbook Paillier");
  static final IntegerParameter MAX_CONTRIBUTORS = HeParameters.MAX_CONTRIBUTORS;
  static final IntegerParameter THRESHOLD = HeParameters.THRESHOLD;
  static final IntegerParameter SHAREHOLDERS = HeParameters.SHAREHOLDERS;

  static final ParameterSet ALL = ParameterSet.of(KEY_BITS, ALLOW_WEAK_KEYS, FRACTION_BITS, CLIP_BOUND,
          MAX_CONTRIBUTORS, SLOTS, THRESHOLD, SHAREHOLDERS)
      .withConstraint(Constraint.of("keyBits 1024 or 1536 only with allowWeakKeys=true",
          v -> v.get(KEY_BITS) >= 2048 || v.get(ALLOW_WEAK_KEYS), KEY_BITS, ALLOW_WEAK_KEYS))
      .withConstraint(Constraint.of("threshold <= shareholders unless threshold is 0",
          v -> v.get(THRESHOLD) == 0 || v.get(THRESHOLD) <= v.get(SHAREHOLDERS), THRESHOLD, SHAREHOLDERS))
      .withConstraint(Constraint.of("clipBound * 2^fractionBits in [0.5, 2^52]",
          v -> {
            double scaled = v.get(CLIP_BOUND) * Math.scalb(1.0, v.get(FRACTION_BITS));
            return scaled >= 0.5 && scaled <= 0x1p52;
          }, CLIP_BOUND, FRACTION_BITS))
      .withConstraint(Constraint.of("slot width = bit length of 2*round(clipBound * 2^fractionBits)"
              + " + ceil(log2(maxContributors)) <= 62",
          v -> slotBits(v.get(CLIP_BOUND), v.get(FRACTION_BITS), v.get(MAX_CONTRIBUTORS)) <= 62,
          CLIP_BOUND, FRACTION_BITS, MAX_CONTRIBUTORS));

  private PaillierParameters() {}

  /** Slot width of {@link FixedPointPacker}: value bits of 2·round(clipBound·2^f) plus ⌈log2 maxContributors⌉. */
  static long slotBits(double clipBound, int fractionBits, int maxContributors) {
    long offset = Math.round(clipBound * Math.scalb(1.0, fractionBits));
    return (64 - Long.numberOfLeadingZeros(2 * offset)) + (32 - Integer.numberOfLeadingZeros(maxContributors - 1));
  }
}
