package io.flep.lab.cipher.cli;

import io.flep.plugin.api.key.KeyMaterial;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** What {@code flep cipher encrypt} and {@code decrypt} share: options, key loading and the batch. */
abstract class FileCipherCommand implements Callable<Integer> {
  @Option(names = "--scheme", required = true, paramLabel = "ID", description = "Cipher plugin id, e.g. aes-gcm.")
  String scheme;

  @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "Key file from 'flep cipher keygen'.")
  Path keyFile;

  @Option(names = "--in", required = true, paramLabel = "PATH", description = "A PNG file, or a folder of *.png files.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Output file (or existing folder); a folder (created) when --in is a folder. Names are kept.")
  Path out;

  @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "16777216",
      description = "Reject images with more pixels than this (default: ${DEFAULT-VALUE} = 4096x4096).")
  long maxPixels;

  @Option(names = "--keep-going",
      description = "Batch: skip bad files (each reported on stderr) and fail at the end, instead of stopping at the"
          + " first bad file.")
  boolean keepGoing;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  /** "encrypted" or "decrypted", for the summary line. */
  abstract String verb();

  abstract byte[] apply(FileCipher cipher, byte[] bytes, String name);

  @Override
  public Integer call() {
    try (Schemes schemes = Schemes.load(pluginsDir)) {
      var provider = schemes.provider(scheme);
      if (verb().equals("encrypted")) {
        schemes.warnIfNotSecure(scheme, System.err);
      }
      KeyMaterial key = KeyFile.read(keyFile, scheme);
      FileCipher cipher =
          FileCipher.create(scheme, provider, schemes.isImageScheme(scheme), key, keyFile.toString(), maxPixels);
      int n = new FileBatch(System.err).run(in, out, keepGoing, (bytes, name) -> apply(cipher, bytes, name));
      System.out.println(verb() + " " + n + (n == 1 ? " file" : " files") + " with " + scheme
          + (cipher.imageScheme() ? " (cipher image PNG)" : " (raw ciphertext bytes)") + " -> " + out);
      return 0;
    }
  }
}
