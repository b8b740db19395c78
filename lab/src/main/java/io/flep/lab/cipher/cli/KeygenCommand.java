package io.flep.lab.cipher.cli;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.workers.failure.BadInputException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flep cipher keygen}: a fresh key for a scheme, written owner-only to a new file (see {@link KeyFile}).
 * Scheme options ({@code --option noise=false}) are fixed in the key.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Generates a key for a cipher scheme and writes it to a new owner-only file (unencrypted: keep it"
        + " secret).")
public final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--scheme", required = true, paramLabel = "ID", description = "Cipher plugin id, e.g. aes-gcm.")
  String scheme;

  @Option(names = "--out", required = true, paramLabel = "KEYFILE", description = "Key file to create.")
  Path out;

  @Option(names = "--option", paramLabel = "KEY=VALUE",
      description = "Scheme option, repeatable, e.g. --option noise=false --option blockSize=4.")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--force", description = "Overwrite an existing key file.")
  boolean force;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  @Override
  public Integer call() {
    try (Schemes schemes = Schemes.load(pluginsDir)) {
      CipherPlugin provider = schemes.provider(scheme);
      schemes.warnIfNotSecure(scheme, System.err);
      KeyMaterial key;
      try {
        key = provider.generateKey(PluginOptions.of(options), new SecureRandom());
      } catch (IllegalArgumentException e) {
        throw new BadInputException(scheme + ": invalid option: " + e.getMessage(), e);
      }
      KeyFile.write(out, key, force);
      System.out.println("wrote " + scheme + " key to " + out + " (owner-only; keep it secret)");
      return 0;
    }
  }
}
