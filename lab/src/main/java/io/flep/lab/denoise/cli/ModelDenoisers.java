package io.flep.lab.denoise.cli;

import io.flep.encryption.dncnn.DnCnnCodec;
import io.flep.encryption.dncnn.DnCnnDenoiser;
import io.flep.encryption.dncnn.DnCnnModel;
import io.flep.plugin.api.denoise.Denoiser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The binding of the denoiser commands to the DnCNN model of {@code io.flep.workers.denoise.dncnn}. */
final class ModelDenoisers {
  private ModelDenoisers() {
  }

  /** A fresh, seeded DnCNN to train (Adam, residual MSE output). */
  static MultiLayerNetwork newNetwork(long seed) {
    return DnCnnModel.createForTraining(seed).network();
  }

  /** Writes the network's weights as a model file for σ ({@link DnCnnCodec}), via a temporary file. */
  static void write(MultiLayerNetwork network, double sigma, Path out) throws IOException {
    byte[] bytes = DnCnnCodec.encode(DnCnnModel.wrap(network).params(), sigma);
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The weights of a model file, whatever its σ.
   *
   * @throws IOException or IllegalArgumentException naming the file when it is missing or corrupt
   */
  static float[] readAnySigma(Path model) throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new IOException(model + ": no such model file");
    }
    byte[] bytes = Files.readAllBytes(model);
    try {
      return DnCnnCodec.decode(bytes, DnCnnCodec.sigmaOf(bytes));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
    }
  }

  /**
   * The denoiser of a model file, which must be for σ ({@link DnCnnDenoiser}: fast path, mirror-extends planes
   * smaller than the receptive field, tiles large ones).
   *
   * @throws IOException or IllegalArgumentException naming the file when it is missing, corrupt or for
   *                     another σ
   */
  static Denoiser load(Path model, double sigma) throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new IOException(model + ": no such model file");
    }
    return DnCnnDenoiser.load(model, sigma);
  }
}
