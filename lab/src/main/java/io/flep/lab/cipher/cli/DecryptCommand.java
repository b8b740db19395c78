package io.flep.lab.cipher.cli;

import picocli.CommandLine.Command;

/**
 * {@code flep cipher decrypt}: cipher files back to PNGs. Fails, naming the file, on a wrong key (for schemes
 * with an authentication tag), a truncated or tampered cipher file, or anything that is not a cipher file.
 */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
    description = "Decrypts a cipher file or every *.png in a folder under one key; writes PNGs.")
public final class DecryptCommand extends FileCipherCommand {

  @Override
  String verb() {
    return "decrypted";
  }

  @Override
  byte[] apply(FileCipher cipher, byte[] bytes, String name) {
    return cipher.decrypt(bytes, name);
  }
}
