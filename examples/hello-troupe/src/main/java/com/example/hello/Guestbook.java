package com.example.hello;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/** A guestbook: visitors sign it with a message, and everyone may read it. */
@ActorContract("guestbook")
public interface Guestbook {

    /** Adds an entry and returns it; broadcasts {@code signed} once the entry is durable. */
    Entry sign(String name, String message);

    /** Every entry, oldest first. */
    @ReadOnly
    List<Entry> entries();
}
