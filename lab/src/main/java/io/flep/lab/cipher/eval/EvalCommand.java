package io.flep.lab.cipher.eval;

import io.flep.lab.cipher.cli.CipherPlugin;
import io.flep.lab.cipher.cli.KeyFile;
import io.flep.lab.cipher.metrics.Entropy;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flep cipher eval --scheme ID --images DIR --out DIR --json FILE}: evaluates an image cipher on every PNG
 * of a folder with a freshly generated key (or {@code --key KEYFILE}) (see {@link EvalRun} for the files written, {@link Evaluator} for the
 * nonce and timing rules, {@link KeyFlip} for the flipped key bit, {@link EvalJson} for the JSON document).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluates an image cipher on every PNG of a folder: NPCR/UACI (plain vs cipher and the proper"
        + " one-pixel differential test), entropy, local entropy, encryption quality, correlation, key sensitivity,"
        + " decryption PSNR/SSIM and times; writes cipher/decrypted PNGs and a JSON report.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--scheme", required = true, paramLabel = "ID", description = "Image cipher plugin id.")
  String scheme;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of 8-bit PNG images.")
  Path images;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the cipher/decrypted PNGs.")
  Path out;

  @Option(names = "--json", required = true, paramLabel = "FILE", description = "JSON report to write.")
  Path json;

  @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Scheme option for key generation, repeatable.")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--key", paramLabel = "KEYFILE",
      description = "Evaluate this key (from 'flep cipher keygen') instead of a fresh one; the cipher PNGs can then"
          + " be decrypted with it. --option is ignored.")
  Path keyFile;

  @Option(names = "--key-bit", paramLabel = "K", defaultValue = "" + KeyFlip.DEFAULT_START_BIT,
      description = "First secret-part bit (0 = MSB of byte 0) to flip for key sensitivity (default: ${DEFAULT-VALUE}).")
  int keyBit;

  @Option(names = "--nonce-bytes", paramLabel = "N", defaultValue = "" + Evaluator.DEFAULT_NONCE_BYTES,
      description = "Length of the fixed evaluation nonce (default: ${DEFAULT-VALUE}).")
  int nonceBytes;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
      description = "Timed encrypt/decrypt calls per image; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Entropy.DEFAULT_SEED,
      description = "Seed of the local-entropy blocks (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  @Override
  public Integer call() throws Exception {
    try (PluginRegistry registry = PluginRegistry.load(pluginsDir, EvalCommand.class.getClassLoader())) {
      CipherPlugin provider = CipherPlugin.of(registry, scheme);
      KeyMaterial key = keyFile == null ? null : KeyFile.read(keyFile, scheme);
      EvalRun.Result r = EvalRun.run(scheme, provider, keyFile == null ? options : Map.of(), key, images, out,
          keyBit, nonceBytes, repeats, seed, System.err);
      Path parent = json.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(json, EvalJson.toJson(r.settings(), r.images()));
      System.out.println("evaluated " + r.images().size() + " images with " + scheme + " -> " + json);
      return 0;
    }
  }
}
