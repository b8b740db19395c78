package io.flep.plugin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a provider class ({@link io.flep.plugin.api.aead.AeadProvider} or
 * {@link io.flep.plugin.api.he.HomomorphicSchemeProvider}) as a FLEP plugin and carries its metadata. The
 * loader reads this annotation without instantiating the class; a provider without it is rejected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FlepPlugin {
  /** Unique id used in BPMN headers and on the command line, e.g. {@code aes-gcm}; lower case, digits, {@code .-_}. */
  String id();

  /** Version of the plugin itself (free text, e.g. {@code 1.0.0}). */
  String version();

  /** SPI version the plugin was compiled against; plugins needing a newer SPI than this FLEP are rejected. */
  int spiVersion() default SpiVersion.CURRENT;

  /** Free-form capability tags, e.g. {@code aead} or {@code add}. */
  String[] capabilities() default {};

  /** One-line human description. */
  String description() default "";

  /** Honest statement of what the plugin guarantees and what it does not, shown to users choosing it. */
  String securityNote() default "";
}
