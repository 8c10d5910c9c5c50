package dev.troupe.moduletest.actors;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** A guestbook: visitors sign it, anyone reads the names. */
@ActorContract("guestbook")
public interface Guestbook {
    /** Adds a name; returns how many have signed. */
    int sign(String name);

    /** The names, in signing order. */
    @ReadOnly
    List<String> names();
}
