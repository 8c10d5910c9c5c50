package dev.troupe.demo;

import dev.troupe.ActorContract;
import dev.troupe.ReadOnly;
import java.util.List;

/**
 * The demo echo: accepts channels and answers every message on a channel with the same message; used
 * by the clients' channel tests. See {@link EchoActor} for the messages it understands.
 */
@ActorContract("echo")
public interface Echo {

    /** What happened on its channels, oldest first: {@code open}, {@code got:<json>}, {@code closed:<code>}, and of
     * its raw handlers {@code raw:<method> <path>}, {@code raw-open <path>}, {@code raw-got:<text>},
     * {@code raw-closed:<code>}. */
    @ReadOnly
    List<String> seen();
}
