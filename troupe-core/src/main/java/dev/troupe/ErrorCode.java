package dev.troupe;

/**
 * The catalogue of Troupe's own error codes: the one place where each code, its HTTP status and its
 * meaning are defined.
 *
 * <p>Codes are public API. They cross every boundary unchanged (in-process, HTTP, WebSocket) as the
 * {@code group} and {@code code} of an {@link ActorError}; clients branch on them, so a code is never
 * renamed or reused for a different meaning. Errors raised by actor code itself use the {@code user}
 * group through {@link UserException} and are not listed here.
 */
public enum ErrorCode {
    /** The actor type is not registered. */
    TYPE_NOT_FOUND("actor", "type_not_found", 404),
    /** The actor does not exist (and the call did not allow creating it). */
    NOT_FOUND("actor", "not_found", 404),
    /** The actor type has no action of that name. */
    ACTION_NOT_FOUND("actor", "action_not_found", 404),
    /** {@code create} found an actor already there under that key. */
    DUPLICATE_KEY("actor", "duplicate_key", 409),
    /** A call would wait on an actor already waiting in the current call chain. */
    CALL_CYCLE("actor", "call_cycle", 409),
    /** The call did not complete within its timeout. The turn may still run and commit. */
    TIMEOUT("actor", "timeout", 504),
    /** A newer activation of this actor exists elsewhere; this one may no longer write. */
    FENCED("actor", "fenced", 503),
    /** The actor has as many connections as its type allows. */
    TOO_MANY_CONNECTIONS("actor", "too_many_connections", 429),
    /** The runtime is shutting down or closed and accepts no new work. */
    UNAVAILABLE("actor", "unavailable", 503),
    /** A fault in actor or runtime code; details are in the server log, never on the wire. */
    INTERNAL_ERROR("actor", "internal_error", 500),
    /**
     * The request asks for a feature Troupe does not have (yet), such as RivetKit's inspector or an actor's
     * KV storage; answered instead of a bare 404 so the client learns why.
     */
    NOT_SUPPORTED("actor", "not_supported", 501),
    /** The request body or frame is not valid JSON. */
    INVALID_JSON("request", "invalid_json", 400),
    /** The arguments do not match the action's parameters in number or type. */
    INVALID_ARGS("request", "invalid_args", 400),
    /** The actor key breaks the key rules (parts, sizes). */
    INVALID_KEY("request", "invalid_key", 400),
    /** No such route (HTTP path). */
    ROUTE_NOT_FOUND("request", "not_found", 404),
    /** The route exists but not for this HTTP method. */
    METHOD_NOT_ALLOWED("request", "method_not_allowed", 405),
    /** The request or one of its parts is malformed in another way. */
    INVALID_REQUEST("request", "invalid_request", 400),
    /** The body or frame is larger than the configured limit. */
    TOO_LARGE("request", "too_large", 413),
    /** The body is declared as another media type than JSON ({@code text/plain}, a form, ...). */
    UNSUPPORTED_MEDIA_TYPE("request", "unsupported_media_type", 415),
    /**
     * A browser page of an origin the server does not allow (CORS) sent a preflight, or opened a
     * WebSocket, which browsers do not preflight.
     */
    ORIGIN_NOT_ALLOWED("request", "origin_not_allowed", 403),
    /**
     * The request needs a protocol switch this server does not make: an HTTP/2 connection preface
     * sent to an HTTP/1.1 port.
     */
    UPGRADE_REQUIRED("request", "upgrade_required", 426),
    /** The request uses an HTTP feature the server does not implement, such as a transfer coding other than chunked. */
    NOT_IMPLEMENTED("request", "not_implemented", 501),
    /** The request's HTTP version is not supported (the server speaks HTTP/1.0 and HTTP/1.1). */
    UNSUPPORTED_VERSION("request", "unsupported_version", 505),
    /** No valid credentials were presented. */
    UNAUTHORIZED("auth", "unauthorized", 401),
    /** The caller is known but may not do this. */
    FORBIDDEN("auth", "forbidden", 403),
    /**
     * The client read too slowly: its outbound queue overflowed and the server ended the connection
     * (WebSocket close code 4008, which is 4000 + (status - 400) like every connection-ending error).
     */
    SLOW_CONSUMER("connection", "slow_consumer", 408),
    /** The server closed the connection with a close code the client does not know; raised by clients. */
    CONNECTION_CLOSED("connection", "closed", 503),
    /** An actor type or runtime configuration is invalid; raised at registration or build time. */
    INVALID_REGISTRATION("config", "invalid_registration", 500),
    /**
     * A state machine did not come to rest within the engine's microstep limit while processing one
     * event (a cycle of eventless transitions or raised events); the machine's snapshot is unchanged.
     */
    MACHINE_LOOP("machine", "loop_detected", 422),
    /** A machine actor was sent an event of a type no caller type may send; nothing changed. */
    MACHINE_UNKNOWN_EVENT("machine", "unknown_event", 400),
    /** A machine actor was sent an event its schema for the caller's type refuses; nothing changed. */
    MACHINE_INVALID_EVENT("machine", "invalid_event", 400),
    /** A machine actor was sent an event that other caller types may send, but not the caller's; nothing changed. */
    MACHINE_EVENT_FORBIDDEN("machine", "event_forbidden", 403),
    /**
     * A snapshot fetch that waits for a state or an event ({@code waitForState}, {@code waitForEvent})
     * saw neither within its wait.
     */
    MACHINE_WAIT_TIMEOUT("machine", "wait_timeout", 408),
    /** The actor's type keeps no turn history. */
    HISTORY_DISABLED("history", "disabled", 404),
    /** The history position asked for was never written or is no longer retained. */
    HISTORY_NOT_RETAINED("history", "not_retained", 404),
    /** Replaying the recorded turns did not reproduce the recorded state: the actor's code is not deterministic. */
    HISTORY_DIVERGED("history", "diverged", 409),
    /**
     * Raised by clients: the history a server sent does not verify (a changed, missing, reordered or
     * inserted entry); {@code metadata.firstBadSeq} names the first bad position.
     */
    HISTORY_UNVERIFIABLE("history", "unverifiable", 502),
    /** No content is stored under that hash, or no label of that name exists. */
    CONTENT_NOT_FOUND("content", "not_found", 404),
    /** The text is not a content hash: 64 lowercase hexadecimal digits (a SHA-256). */
    CONTENT_INVALID_HASH("content", "invalid_hash", 400),
    /** The uploaded bytes do not hash to the SHA-256 the client stated. Nothing was stored. */
    CONTENT_HASH_MISMATCH("content", "hash_mismatch", 400),
    /** The label name breaks the label rules (1 to 128 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit). */
    CONTENT_INVALID_LABEL("content", "invalid_label", 400),
    /** The content is larger than the runtime's content size limit. Nothing was stored. */
    CONTENT_TOO_LARGE("content", "too_large", 413),
    /**
     * A one-way message's arguments exceed the largest message the runtime stores (1 MiB of JSON); the
     * sending turn fails and sends nothing.
     */
    MESSAGE_TOO_LARGE("message", "too_large", 413),
    /** An actor id in a request is not an actor id: the lower-case canonical form of a UUID. */
    INVALID_ID("request", "invalid_id", 400),
    /** A listing's {@code cursor} is not one the server handed out. */
    INVALID_CURSOR("request", "invalid_cursor", 400),
    /** The target of a channel refused it in {@code onChannelOpen}; {@code metadata.reason} is the refusal's code. */
    CHANNEL_REJECTED("channel", "rejected", 409),
    /** The target of a channel did not accept or reject it within the runtime's call timeout. */
    CHANNEL_TIMEOUT("channel", "timeout", 504),
    /** The channel is closed (a message on it is refused), or its other end closed it. */
    CHANNEL_CLOSED("channel", "closed", 409),
    /** The connection a client's channel ran over dropped, which closed the channel. */
    CHANNEL_DISCONNECTED("channel", "disconnected", 410),
    /**
     * A WebAssembly actor called a host function its capabilities do not grant, or a parent asked to
     * grant a child a capability it does not hold itself; the turn failed and changed nothing.
     */
    WASM_CAPABILITY_DENIED("wasm", "capability_denied", 403),
    /** A WebAssembly actor's turn ran out of fuel (its instruction budget); the turn changed nothing. */
    WASM_FUEL_EXHAUSTED("wasm", "fuel_exhausted", 429),
    /** A WebAssembly actor's turn asked for more linear memory than its limit allows; the turn changed nothing. */
    WASM_MEMORY_LIMIT("wasm", "memory_limit", 429),
    /** A WebAssembly module is larger than the module size limit; it was not loaded. */
    WASM_MODULE_TOO_LARGE("wasm", "module_too_large", 413),
    /** A WebAssembly actor's code trapped (unreachable, out-of-bounds access...); the turn changed nothing. */
    WASM_TRAP("wasm", "trap", 500),
    /**
     * A WebAssembly module or its manifest is unusable: not valid WebAssembly, a missing export, a
     * manifest that does not parse, or JSON from the module that is malformed or breaks the ABI.
     */
    WASM_INVALID_MODULE("wasm", "invalid_module", 422),
    /**
     * An HTTP exchange a WebAssembly actor asked for (host function {@code http}) failed to complete:
     * no connection, a timeout, a broken response; the turn failed and changed nothing.
     */
    WASM_HTTP_FAILED("wasm", "http_failed", 502),
    /**
     * A queue name the actor's type does not declare ({@code TypeOptions.queues}); nothing was
     * enqueued. {@code metadata.queue} is the name asked for.
     */
    QUEUE_NOT_FOUND("queue", "not_found", 404),
    /**
     * A cron schedule was asked for with an expression that is not five standard fields, has a field out
     * of range, never occurs, or with a time zone that is missing or unknown; nothing was scheduled.
     * {@code metadata.cron} is the expression, {@code metadata.zone} the zone when it is the fault.
     */
    SCHEDULE_INVALID_CRON("schedule", "invalid_cron", 400),
    /** The actor has no workflow of that name, or no workflow with that id. */
    WORKFLOW_NOT_FOUND("workflow", "not_found", 404),
    /** A workflow with that id exists already (ended ones included); nothing was started. */
    WORKFLOW_EXISTS("workflow", "exists", 409),
    /**
     * A workflow step failed its last attempt: raised into the workflow's code, which may catch it;
     * uncaught, it fails the workflow.
     */
    WORKFLOW_STEP_FAILED("workflow", "step_failed", 500),
    /**
     * SQLite refused an actor's SQL statement (a syntax error, a missing table, a constraint): the message
     * is SQLite's. Nothing of the statement took effect.
     */
    SQL_ERROR("sql", "error", 400),
    /**
     * An actor's SQL statement would leave the actor's own database or take the turn's transaction
     * (ATTACH, BEGIN/COMMIT, VACUUM, most PRAGMAs, temporary objects, load_extension); refused before
     * SQLite ran it. {@code metadata.statement} names what was refused.
     */
    SQL_FORBIDDEN("sql", "forbidden", 400),
    /**
     * An actor's SQL database would grow beyond its limit ({@code Sql.MAX_DATABASE_BYTES}); the statement
     * took no effect. {@code metadata.limit} is the limit in bytes.
     */
    SQL_TOO_LARGE("sql", "too_large", 413),
    /**
     * An LLM provider (troupe-agent) failed: it could not be reached, answered with a server error or
     * something that is not its wire format, or refused the credentials. {@code metadata.provider} names
     * it; {@code metadata.providerStatus} is its HTTP status when it answered.
     */
    AGENT_PROVIDER_ERROR("agent", "provider_error", 502),
    /** An LLM provider refused the call for its rate limit, after the retries the provider client makes. */
    AGENT_RATE_LIMITED("agent", "rate_limited", 429),
    /** An LLM provider is overloaded (Anthropic's 529) and did not answer, after the client's retries. */
    AGENT_OVERLOADED("agent", "overloaded", 503),
    /**
     * An LLM provider refused the request itself (its 400, 404, 413 or 422): an unknown model, a
     * malformed tool schema, a prompt above the context window. Retrying the same request does not help.
     */
    AGENT_REQUEST_REJECTED("agent", "request_rejected", 422),
    /**
     * The actor's type has no raw handler for this request: it does not override {@code onRequest} (raw
     * HTTP) or {@code onRawWebSocketOpen} (raw WebSocket), or its handler says it serves no such path.
     */
    RAW_NOT_HANDLED("raw", "not_handled", 404),
    /**
     * A turn broadcast (or sent to one connection) an event whose arguments do not fit the schemas the
     * type declares for it, with event validation on ({@code TypeOptions.validateEvents}, always in the
     * test kit); the turn failed and changed nothing. A fault of the actor's code, not of the caller's
     * input. {@code metadata.event} is the event's name.
     */
    EVENT_INVALID_PAYLOAD("event", "invalid_payload", 500),
    /**
     * A turn broadcast (or sent to one connection) an event its type does not declare, while the type
     * declares events; the turn failed and changed nothing. {@code metadata.event} is the event's name.
     */
    EVENT_UNDECLARED("event", "undeclared", 500),
    /**
     * A subscription to an event the actor's type does not declare, while it declares events; nothing
     * changed. {@code metadata.event} is the name asked for.
     */
    EVENT_NOT_FOUND("event", "not_found", 404),
    /**
     * A subscription to a declared event the caller may not receive (its access rule,
     * {@code #event:NAME}, denies it); nothing changed. {@code metadata.event} is the name asked for.
     */
    EVENT_FORBIDDEN("event", "forbidden", 403);

    private final String group;
    private final String code;
    private final int status;

    ErrorCode(String group, String code, int status) {
        this.group = group;
        this.code = code;
        this.status = status;
    }

    /** The error group, such as {@code actor} or {@code request}. */
    public String group() {
        return group;
    }

    /** The code within the group, such as {@code not_found}. */
    public String code() {
        return code;
    }

    /** The HTTP status this code maps to on the wire. */
    public int status() {
        return status;
    }

    /** {@code group/code}, the form used in documentation and logs. */
    public String qualified() {
        return group + "/" + code;
    }
}
