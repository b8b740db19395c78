package io.flep.plugin.api.context;

import io.flep.plugin.api.denoise.Denoiser;
import java.util.Optional;

/**
 * What the host offers a plugin at the moment it builds a primitive: the other installed plugins, built in or
 * dropped in, so that plugins compose without knowing where the others came from (an image cipher obtains the
 * denoiser its key names). Implementations are the host's and thread-safe.
 */
public interface PluginContext {

  /** The installed denoiser with this id, with its default options; empty if there is none. */
  Optional<Denoiser> denoiser(String id);

  /** A context with no plugins at all, for a plugin used on its own. */
  static PluginContext empty() {
    return id -> Optional.empty();
  }
}
