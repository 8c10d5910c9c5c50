package dev.troupe;

/**
 * Decides whether a caller may perform an operation on actors of a type: call an action (the operation
 * is the action name) or one of {@link #CREATE}, {@link #DESTROY}, {@link #CONNECT}, {@link #VIEW}, {@link #HISTORY},
 * {@link #LIST}, {@link #CHANNEL}, {@link #ENQUEUE}, {@link #RAW}, or receive a declared event ({@link #event}).
 *
 * <p>The runtime consults the rules for every entry point (calls, create, destroy, connect, view) and
 * refuses with {@code auth/forbidden} when none allows. {@link CallerType#SYSTEM} callers (in-process
 * code, schedules, other actors) and {@link CallerType#SERVICE} callers (trusted backends holding a
 * service token) are always allowed; {@link CallerType#CLIENT} callers only where a rule allows:
 * clients are denied by default.
 */
@FunctionalInterface
public interface AccessRule {
    /** Explicit creation of the actor. */
    String CREATE = "#create";
    /** Destroying the actor. */
    String DESTROY = "#destroy";
    /** Opening a connection (WebSocket, SSE, in-process subscription). */
    String CONNECT = "#connect";
    /** Reading the caller's view of the state. */
    String VIEW = "#view";
    /**
     * Reading, verifying and replaying the actor's turn history (it holds every message and state):
     * never part of an allow-all rule, so it must be granted by name.
     */
    String HISTORY = "#history";
    /**
     * Fetching content and reading labels of the runtime's content store ({@link Contents}). The three
     * content operations are asked of the runtime's content rule ({@code Troupe.Builder.contentAccess}),
     * not of a type's rules.
     */
    String CONTENT_READ = "#content-read";
    /** Storing content in the runtime's content store. */
    String CONTENT_WRITE = "#content-write";
    /** Creating, moving and deleting labels of the runtime's content store. */
    String CONTENT_LABEL = "#content-label";
    /**
     * Listing the actors of the type (their ids and keys, page by page): it names actors a caller was
     * not given, so it is never part of an allow-all rule either and must be granted by name.
     */
    String LIST = "#list";
    /** Opening a channel to the actor ({@link Channel}); clients only where a rule allows it. */
    String CHANNEL = "#channel";
    /** Enqueuing a message to one of the actor's declared queues; clients only where a rule allows it. */
    String ENQUEUE = "#enqueue";
    /**
     * Sending a raw HTTP request to the actor or opening a raw WebSocket on it ({@link Actor#onRequest},
     * {@link RawSocket}); clients only where a rule allows it.
     */
    String RAW = "#raw";

    /**
     * What the operation of receiving an event starts with: {@code #event:NAME} ({@link #event}). Asked
     * only of types that declare events ({@code TypeOptions.event}, {@code ActorDefinition.events}),
     * for every client connection an event of that name would reach and for every subscription to it;
     * a connection whose caller it does not allow never receives the event, over any transport.
     */
    String EVENT_PREFIX = "#event:";

    /** The operation of receiving the event {@code name}: {@code #event:NAME}. */
    static String event(String name) {
        return EVENT_PREFIX + name;
    }

    /** Whether {@code caller} may perform {@code operation}. Must be fast and side-effect free. */
    boolean allows(Caller caller, String operation);
}
