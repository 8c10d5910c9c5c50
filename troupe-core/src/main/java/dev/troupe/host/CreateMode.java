package dev.troupe.host;

/** Whether a message may create the actor it is addressed to. */
public enum CreateMode {
    /** Only an existing actor: absent means {@code actor/not_found}. */
    GET,
    /** Create the actor with the message's input if absent. */
    GET_OR_CREATE,
    /** Create the actor; present means {@code actor/duplicate_key}. */
    CREATE
}
