package dev.troupe.client;

import dev.troupe.ActorInfo;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing of actors ({@link TroupeClient#list}): the actors, in id order, and the cursor
 * of the next page. Immutable.
 *
 * @param actors the actors of this page
 * @param next   the opaque cursor to pass for the next page, or null on the last page
 */
public record ActorPage(List<ActorInfo> actors, @Nullable String next) {

    /** Copies the list. */
    public ActorPage {
        actors = List.copyOf(Objects.requireNonNull(actors, "actors"));
    }
}
