package dev.troupe;

/** The kinds of caller an actor distinguishes when deciding who may do what. */
public enum CallerType {
    /** An end user's client (browser, app): untrusted; denied by default. */
    CLIENT,
    /** A trusted backend service holding a service token. */
    SERVICE,
    /** The runtime itself, in-process code, schedules and other actors. */
    SYSTEM;

    /** The lower-case wire name ({@code client}, {@code service}, {@code system}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
