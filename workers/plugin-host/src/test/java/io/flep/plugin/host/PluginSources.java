package io.flep.plugin.host;

import java.util.Map;

/** Java sources of the tiny plugins compiled into drop-in JARs by {@link PluginRegistryTest}. */
public final class PluginSources {
  private PluginSources() {}

  public static final String CIPHER_SPI = "io.flep.plugin.api.aead.AeadProvider";
  static final String HE_SPI = "io.flep.plugin.api.he.HomomorphicSchemeProvider";

  /** A toy XOR "cipher" (no security: test fixture only) with the given id, in package {@code pkg}. */
  static String xorCipher(String pkg, String id, String annotationExtra) {
    return """
        package %1$s;
        import io.flep.plugin.api.*;
        import io.flep.plugin.api.aead.*;
        import io.flep.plugin.api.key.*;
        import io.flep.plugin.api.param.*;
        import java.security.*;
        import java.util.Optional;
        @FlepPlugin(id = "%2$s", version = "0.1", capabilities = {"toy"}, description = "XOR test fixture",
            securityNote = "no security at all" %3$s)
        public class XorProvider implements AeadProvider {
          static final IntegerParameter KEY_BYTES = Parameter.integer("keyBytes").range(1, 64).defaultValue(16)
              .description("key length in bytes");
          public ParameterSet parameters() { return ParameterSet.of(KEY_BYTES); }
          public KeyMaterial generateKey(ParameterValues o, SecureRandom r) {
            return new KeyMaterial("%2$s", 1, new byte[0], Optional.of(SecretBytes.randomBytes(o.get(KEY_BYTES), r)));
          }
          public Aead newAead(KeyMaterial k) throws GeneralSecurityException {
            if (!k.schemeId().equals("%2$s")) throw new GeneralSecurityException("not a %2$s key");
            byte[] key = k.secretPart().orElseThrow().toByteArray(SecretAccess.get());
            return new Aead() {
              public byte[] encrypt(byte[] p, byte[] ad) {
                byte[] o = p.clone();
                for (int i = 0; i < o.length; i++) o[i] ^= key[i %% key.length];
                return o;
              }
              public byte[] decrypt(byte[] c, byte[] ad) { return encrypt(c, ad); }
            };
          }
        }
        """.formatted(pkg, id, annotationExtra);
  }

  /** An HE provider whose constructor always throws: shows the loader reads metadata without instantiating. */
  static String explodingScheme(String pkg) {
    return """
        package %s;
        import io.flep.plugin.api.*;
        import io.flep.plugin.api.he.*;
        import io.flep.plugin.api.key.*;
        import java.security.*;
        @FlepPlugin(id = "exploding-he", version = "1")
        public class ExplodingProvider implements HomomorphicSchemeProvider {
          public ExplodingProvider() { throw new IllegalStateException("boom in constructor"); }
          public KeyMaterial generateKeyPair(io.flep.plugin.api.param.ParameterValues o, SecureRandom r) {
            throw new AssertionError();
          }
          public HomomorphicEncryption newEncryption(KeyMaterial k) { throw new AssertionError(); }
          public HomomorphicDecryption newDecryption(KeyMaterial k) { throw new AssertionError(); }
        }
        """.formatted(pkg);
  }

  /** A provider class lacking the annotation. */
  static String unannotated(String pkg) {
    return """
        package %s;
        import io.flep.plugin.api.*;
        import io.flep.plugin.api.aead.*;
        import io.flep.plugin.api.key.*;
        import java.security.*;
        public class PlainProvider implements AeadProvider {
          public KeyMaterial generateKey(io.flep.plugin.api.param.ParameterValues o, SecureRandom r) {
            throw new AssertionError();
          }
          public Aead newAead(KeyMaterial k) { throw new AssertionError(); }
        }
        """.formatted(pkg);
  }

  /**
   * A data cipher whose key generation tries to load the class named by option {@code probe} through its own class
   * loader and fails with "visible: NAME" or "not visible: NAME"; its cipher uses {@code demo.lib.Greeting}, a class
   * of its library JAR in the folder beside it.
   */
  static String probe(String pkg) {
    return """
        package %s;
        import io.flep.plugin.api.*;
        import io.flep.plugin.api.aead.*;
        import io.flep.plugin.api.key.*;
        import io.flep.plugin.api.param.*;
        import java.security.*;
        @FlepPlugin(id = "probe", version = "1")
        public class ProbeProvider implements AeadProvider {
          static final TextParameter PROBE = Parameter.text("probe").description("class name to load");
          public ParameterSet parameters() { return ParameterSet.of(PROBE); }
          public KeyMaterial generateKey(ParameterValues o, SecureRandom r) {
            String name = o.get(PROBE);
            try {
              Class.forName(name, false, getClass().getClassLoader());
              throw new IllegalStateException("visible: " + name);
            } catch (ClassNotFoundException e) {
              throw new IllegalStateException("not visible: " + name);
            }
          }
          public Aead newAead(KeyMaterial k) {
            throw new IllegalStateException(demo.lib.Greeting.text());
          }
        }
        """.formatted(pkg);
  }

  /** The library class of {@link #probe}. */
  static String greeting() {
    return """
        package demo.lib;
        public class Greeting {
          public static String text() { return "hello from the plugin's own library"; }
        }
        """;
  }

  public static Map<String, String> all() {
    return Map.of(
        "demo.good.XorProvider", xorCipher("demo.good", "xor-demo", ""),
        "demo.dup.XorProvider", xorCipher("demo.dup", "xor-demo", ""),
        "demo.builtin.XorProvider", xorCipher("demo.builtin", "builtin-xor", ""),
        "demo.future.XorProvider", xorCipher("demo.future", "future-xor", ", spiVersion = 4"),
        "demo.old.XorProvider", xorCipher("demo.old", "old-xor", ", spiVersion = 1"),
        "demo.exploding.ExplodingProvider", explodingScheme("demo.exploding"),
        "demo.plain.PlainProvider", unannotated("demo.plain"),
        "demo.probe.ProbeProvider", probe("demo.probe"),
        "demo.lib.Greeting", greeting());
  }
}
