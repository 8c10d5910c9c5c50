/**
 * The RivetKit adapter: RivetKit's client protocol (as the {@code rivetkit@2.3.19} npm client speaks
 * it with its default options) served beside wire protocol v1 on the same server and runtime.
 * {@link dev.troupe.rivetkit.RivetKit} mounts it on a {@code ServerConfig}; everything else is
 * package-private. See {@code docs/compat.md}.
 */
@NullMarked
package dev.troupe.rivetkit;

import org.jspecify.annotations.NullMarked;
