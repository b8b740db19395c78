/**
 * Typed, declared plugin parameters. A plugin declares each option it reads as a {@link
 * io.flep.plugin.api.param.Parameter} constant (name, type, default, allowed values or range, one-line description,
 * whether it affects security) and groups them in a {@link io.flep.plugin.api.param.ParameterSet}. The host
 * validates every option from every source against that set ({@link
 * io.flep.plugin.api.param.ParameterSet#validate}) before the plugin sees it, reports mistakes with an {@link
 * io.flep.plugin.api.param.InvalidPluginOptionException} naming the plugin, the option and the closest known name
 * or the allowed range, and describes the parameters as JDK-only data ({@link
 * io.flep.plugin.api.param.ParameterSet#describe()}). The plugin reads {@link
 * io.flep.plugin.api.param.ParameterValues} through its constants, never by parsing strings; the host never parses a
 * plugin's option names.
 *
 * <p>Parameters are configuration, not secrets: values appear in messages and {@code toString()}.
 */
package io.flep.plugin.api.param;
