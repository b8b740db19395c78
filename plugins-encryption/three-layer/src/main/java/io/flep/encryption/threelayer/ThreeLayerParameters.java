package io.flep.encryption.threelayer;

import io.flep.plugin.api.param.BooleanParameter;
import io.flep.plugin.api.param.ChoiceParameter;
import io.flep.plugin.api.param.DecimalParameter;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.TextParameter;

/** The key-generation options of {@code flep-3layer}, with the limits {@link ThreeLayerKey} enforces. */
final class ThreeLayerParameters {
  private ThreeLayerParameters() {}

  static final IntegerParameter BLOCK_SIZE = Parameter.integer("blockSize")
      .range(1, 64).defaultValue(2)
      .description("side of the scrambled sub-blocks in pixels; image sides must be multiples of it")
      .securityRelevant();
  static final DecimalParameter ALPHA = Parameter.decimal("alpha")
      .range(0, 0.9).defaultValue(0.3)
      .description("DWT blending weight of the secret image, for every subband without its own alpha")
      .securityRelevant();
  static final DecimalParameter ALPHA_LL = subbandAlpha("LL");
  static final DecimalParameter ALPHA_HL = subbandAlpha("HL");
  static final DecimalParameter ALPHA_LH = subbandAlpha("LH");
  static final DecimalParameter ALPHA_HH = subbandAlpha("HH");
  static final BooleanParameter NOISE = Parameter.bool("noise")
      .defaultValue(true)
      .description("add Gaussian noise in layer 3 (only with layers=3)")
      .securityRelevant();
  static final DecimalParameter NOISE_MEAN = Parameter.decimal("noiseMean")
      .range(-255, 255).defaultValue(0)
      .description("mean of the added Gaussian noise, on the 8-bit pixel scale")
      .securityRelevant();
  static final DecimalParameter NOISE_SIGMA = Parameter.decimal("noiseSigma")
      .range(0, 255).defaultValue(25)
      .description("standard deviation of the added Gaussian noise, on the 8-bit pixel scale")
      .securityRelevant();
  static final IntegerParameter LAYERS = Parameter.integer("layers")
      .range(1, 3).defaultValue(3)
      .description("layers applied: 1 = scramble, 2 = + DWT blend, 3 = + noise")
      .securityRelevant();
  static final ChoiceParameter DECRYPT_ORDER = Parameter.choice("decryptOrder", "paper", "reordered")
      .defaultValue("reordered")
      .description("decryption order with noise: paper (denoise first) or reordered (denoise last, better PSNR)");
  static final TextParameter DENOISER = Parameter.text("denoiser")
      .matching("[a-z0-9][a-z0-9._-]{0,63}",
          "a denoiser plugin id (a-z, 0-9, '.', '_', '-'; at most 64 characters)")
      .defaultValue("wiener")
      .description("denoiser plugin used when decrypting noisy images, e.g. wiener or dncnn");
  static final DecimalParameter X0 = Parameter.decimal("x0")
      .greaterThan(0).lessThan(1)
      .description("fixed logistic-map start value, to reproduce a key (default: random)")
      .securityRelevant();
  static final DecimalParameter R = Parameter.decimal("r")
      .range(3.57, 4)
      .description("fixed logistic-map parameter, to reproduce a key (default: random in [3.99, 4))")
      .securityRelevant();
  static final IntegerParameter BURN_IN = Parameter.integer("burnIn")
      .range(0, 1_000_000).defaultValue(1000)
      .description("logistic-map iterations discarded before the sequence is used")
      .securityRelevant();
  static final ParameterSet ALL = ParameterSet.of(BLOCK_SIZE, ALPHA, ALPHA_LL, ALPHA_HL, ALPHA_LH, ALPHA_HH,
      NOISE, NOISE_MEAN, NOISE_SIGMA, LAYERS, DECRYPT_ORDER, DENOISER, X0, R, BURN_IN);

  private static DecimalParameter subbandAlpha(String band) {
    return Parameter.decimal("alpha" + band)
        .range(0, 0.9)
        .description("blending weight of the " + band + " subband (default: alpha)")
        .securityRelevant();
  }
}
