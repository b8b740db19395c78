package io.flep.lab.cipher.cli;

import picocli.CommandLine.Command;

/**
 * {@code flep cipher encrypt}: plaintext PNGs to cipher files. Image schemes write a cipher PNG (the cipher image,
 * header in a {@code tEXt} chunk); byte schemes write the raw ciphertext under the same file name.
 */
@Command(name = "encrypt", mixinStandardHelpOptions = true,
    description = "Encrypts a PNG (8-bit grey or RGB) or every *.png in a folder under one key.")
public final class EncryptCommand extends FileCipherCommand {

  @Override
  String verb() {
    return "encrypted";
  }

  @Override
  byte[] apply(FileCipher cipher, byte[] bytes, String name) {
    return cipher.encrypt(bytes, name);
  }
}
