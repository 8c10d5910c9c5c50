/**
 * The Actor Kit adapter: Actor Kit's protocol (as the {@code actor-kit@0.47.0} npm package's {@code
 * createActorFetch} and {@code createActorKitClient} speak it) served at {@code /api/{type}/{id}},
 * beside wire protocol v1 on the same server and runtime. {@link dev.troupe.actorkit.ActorKit} mounts
 * it and {@link dev.troupe.actorkit.ActorKitMapping} opts a plain actor type in; everything else is
 * package-private. See {@code docs/compat.md}.
 */
@NullMarked
package dev.troupe.actorkit;

import org.jspecify.annotations.NullMarked;
