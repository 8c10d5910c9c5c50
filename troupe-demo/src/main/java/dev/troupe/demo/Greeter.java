package dev.troupe.demo;

import dev.troupe.ActorContract;

/**
 * The demo greeter: it admits only connections that say who they are (a {@code name} conn param), the
 * way RivetKit apps authenticate in {@code onBeforeConnect}; used by the RivetKit adapter's tests.
 */
@ActorContract("greeter")
public interface Greeter {

    /** Returns {@code "hello, <name>"} and counts the greeting. */
    String greet(String name);
}
