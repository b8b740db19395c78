package io.flep.encryption.hardened;

import io.flep.plugin.api.param.BooleanParameter;
import io.flep.plugin.api.param.Constraint;
import io.flep.plugin.api.param.DecimalParameter;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;

/** The key-generation options of {@code flep-3layer-hardened}, with the limits {@link HardenedKey} enforces. */
final class HardenedParameters {
  private HardenedParameters() {}

  static final IntegerParameter KEY_SIZE_BITS = Parameter.integer("keySizeBits")
      .oneOf(128, 192, 256).defaultValue(256)
      .description("master key length in bits")
      .securityRelevant();
  static final IntegerParameter BLOCK_SIZE = Parameter.integer("blockSize")
      .range(1, 64).defaultValue(2)
      .description("side of the scrambled sub-blocks in pixels; images are padded to multiples of lcm(it, 2)");
  static final BooleanParameter NOISE = Parameter.bool("noise")
      .defaultValue(false)
      .description("add Gaussian noise (layer 3); decryption then returns plaintext plus noise");
  static final IntegerParameter LAYERS = Parameter.integer("layers")
      .oneOf(2, 3)
      .description("2 = scramble + DWT blend, 3 = plus noise; the same switch as noise (default: from noise)");
  static final DecimalParameter NOISE_MEAN = Parameter.decimal("noiseMean")
      .range(-255, 255).defaultValue(0)
      .description("mean of the added Gaussian noise, on the 8-bit pixel scale");
  static final DecimalParameter NOISE_SIGMA = Parameter.decimal("noiseSigma")
      .range(0, 128).defaultValue(25)
      .description("standard deviation of the added Gaussian noise, on the 8-bit pixel scale");
  static final ParameterSet ALL = ParameterSet.of(KEY_SIZE_BITS, BLOCK_SIZE, NOISE, LAYERS, NOISE_MEAN,
          NOISE_SIGMA)
      .withConstraint(Constraint.of("layers=3 exactly when noise=true, if both are given",
          v -> !v.isSet(LAYERS) || !v.isSet(NOISE) || v.get(NOISE) == (v.get(LAYERS) == 3), LAYERS, NOISE))
      .withUnknownOptionHint("alpha", "its blending weights are derived from key and nonce");
}
