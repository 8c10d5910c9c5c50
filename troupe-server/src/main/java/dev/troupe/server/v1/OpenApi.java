package dev.troupe.server.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import dev.troupe.host.HostedAction;
import dev.troupe.host.HostedType;
import dev.troupe.json.Json;
import dev.troupe.server.view.ViewWait;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates the OpenAPI 3.1 document of wire protocol v1 for the registered actor types, in their
 * registration order: per type one operation per action (its request and response schemas named
 * after the type and action, from the type's definition), the lifecycle, view, events and WebSocket
 * routes with every query parameter they read, the history routes ({@link HistoryOpenApi}), and the
 * server's own routes ({@code /v1/openapi.json}, {@code /v1/asyncapi.json} ({@link AsyncApi}),
 * {@code /healthz}, {@code /metrics}), and the declared events' argument schemas (one component per
 * event, listed per type and event name under the top-level {@code x-troupe-events}). Every actor route takes a bearer JWT or none (the anonymous
 * client) and lists its error statuses with the shared error body. The document passes Spectral's
 * OpenAPI rules, Redocly's recommended rules and Ajv's strict JSON Schema 2020-12 compilation (the
 * TypeScript client's tests run them). Stateless.
 */
final class OpenApi {
    private static final String SERVER_TAG = "server";
    private static final int MAX_KEY_PARTS = 8;

    private OpenApi() {
    }

    /** The document for these types. */
    static ObjectNode document(List<? extends HostedType> types) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info").put("title", "Troupe wire protocol v1").put("version", "v1");
        info.put("description", "HTTP, server-sent events and WebSocket access to the actors this server hosts. "
                + "Errors answer {\"group\",\"code\",\"message\",\"metadata\"} with the status of their code.");
        info.putObject("contact").put("name", "Troupe");
        info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        doc.putArray("servers").addObject().put("url", "/").put("description", "The server serving this document");
        ArrayNode tags = doc.putArray("tags");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = Json.mapper().createObjectNode();
        ObjectNode events = Json.mapper().createObjectNode();
        for (HostedType type : types) {
            tags.addObject().put("name", type.name()).put("description", "Actors of type " + type.name());
            String base = "/v1/actors/" + type.name();
            for (HostedAction action : type.actions()) {
                paths.putObject(base + "/actions/" + action.name()).set("post", actionOperation(type, action, schemas));
            }
            for (String queue : type.queues()) {
                paths.putObject(base + "/queues/" + queue).set("post", queueOperation(type, queue, schemas));
            }
            Subject subject = Subject.of(type);
            paths.set(base, lifecycle(type, subject));
            paths.putObject(base + "/view").set("get", view(subject));
            paths.putObject(base + "/events").set("get", events(subject, declaredEvents(type, schemas, events)));
            paths.putObject(base + "/connect").set("get", connect(subject));
            HistoryOpenApi.paths(paths, type);
            ListingOpenApi.path(paths, type);
        }
        tags.addObject().put("name", Subject.BY_ID_TAG).put("description", "Any existing actor, named by its id");
        byId(paths);
        tags.addObject().put("name", SERVER_TAG).put("description", "The server itself");
        serverRoutes(paths);
        tags.addObject().put("name", ContentOpenApi.TAG).put("description", "The content-addressed store");
        ContentOpenApi.paths(paths);
        ObjectNode components = doc.putObject("components");
        components.set("schemas", ListingOpenApi.schemas(ContentOpenApi.schemas(HistoryOpenApi.schemas(sharedSchemas())))
                .setAll(schemas));
        components.putObject("securitySchemes").putObject(OpenApiOperation.BEARER)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A JWT naming the caller (docs/protocol.md, Authentication)");
        if (!events.isEmpty()) {
            doc.set("x-troupe-events", events);
        }
        return doc;
    }

    /**
     * The events {@code type} declares: per event a component {@code <Type><Event>Event}, the JSON
     * array of its arguments (as {@code data:} of an event stream and {@code args} of an event frame
     * carry them), and an entry {@code events.<type>.<event>} referring to it. Types that declare no
     * events get no entry: they may broadcast any name.
     *
     * @return each declared event's name to its component's name, in declaration order
     */
    private static Map<String, String> declaredEvents(HostedType type, ObjectNode schemas, ObjectNode events) {
        Map<String, String> models = new LinkedHashMap<>();
        if (type.events().isEmpty()) {
            return models;
        }
        ObjectNode byName = events.putObject(type.name());
        for (EventDefinition event : type.events()) {
            String base = pascal(type.name()) + pascal(event.name().replaceAll("[._]", "-")) + "Event";
            String model = base;
            for (int n = 2; schemas.has(model); n++) {
                model = base + n;
            }
            schemas.set(model, arguments(event.parameters())
                    .put("description", "The arguments of the event " + event.name() + " of " + type.name() + ", in order"));
            byName.putObject(event.name()).put("$ref", "#/components/schemas/" + model);
            models.put(event.name(), model);
        }
        return models;
    }

    private static ObjectNode actionOperation(HostedType type, HostedAction action, ObjectNode schemas) {
        String model = pascal(type.name()) + pascal(action.name());
        List<Parameter> parameters = action.definition().parameters();
        ObjectNode request = schemas.putObject(model + "Request").put("type", "object")
                .put("description", "The arguments of " + type.name() + "." + action.name());
        ObjectNode requestProps = request.putObject("properties");
        requestProps.set("args", arguments(parameters));
        requestProps.putObject("input").put("description", "The creation input, used only if the call creates the actor");
        request.put("additionalProperties", false);
        if (!parameters.isEmpty()) {
            request.putArray("required").add("args");
        }
        ObjectNode response = schemas.putObject(model + "Response").put("type", "object")
                .put("description", "The output of " + type.name() + "." + action.name());
        response.putObject("properties").set("output", action.definition().result().deepCopy());
        response.putArray("required").add("output");
        String what = action.definition().readOnly() ? "Reads" : "Calls";
        return actorOperation(type, action.name(), "Call " + action.name(),
                what + " the action " + action.name() + " of a " + type.name() + " actor and answers its output once "
                        + "the turn is durable; creates the actor first unless mode is get.")
                .query("mode", "Whether the call may create the actor", mode("getOrCreate"))
                .jsonBody("The arguments, in order", model + "Request", !parameters.isEmpty())
                .jsonResponse(200, "The action's output", model + "Response")
                .errors(400, 401, 403, 404, 409, 413, 415, 422, 503, 504)
                .build();
    }

    /** The route enqueuing to {@code queue}; adds the queue schemas to {@code schemas} with the first one. */
    private static ObjectNode queueOperation(HostedType type, String queue, ObjectNode schemas) {
        if (!schemas.has("QueueRequest")) {
            ObjectNode enqueue = object(schemas, "QueueRequest", "A message for an actor's queue");
            property(enqueue, "message", Json.mapper().createObjectNode(), "The message, any JSON value");
            enqueue.put("additionalProperties", false);
            ObjectNode queued = object(schemas, "QueueResponse", "A message durably queued");
            property(queued, "queue", OpenApiOperation.schema("string"), "The queue's name");
        }
        return actorOperation(type, "queue_" + queue.replaceAll("[.-]", "_"), "Enqueue to " + queue,
                "Enqueues a message to the queue " + queue + " of an existing " + type.name() + " actor and answers "
                        + "once it is durable; the actor handles it in a turn of its own (docs/queues.md).")
                .jsonBody("The message", "QueueRequest", true)
                .jsonResponse(202, "The message is durably queued", "QueueResponse")
                .errors(400, 401, 403, 404, 413, 415, 503)
                .build();
    }

    /**
     * The {@code args} array: a tuple of the parameters' schemas, each titled with its name, and no
     * further items ({@code {"not":{}}}, which linters read more easily than {@code false}); the empty
     * array when there are no parameters.
     */
    private static ObjectNode arguments(List<Parameter> parameters) {
        ObjectNode args = OpenApiOperation.schema("array").put("description", "The arguments, in order");
        if (parameters.isEmpty()) {
            args.putArray("const");
        } else {
            ArrayNode prefix = args.putArray("prefixItems");
            for (Parameter parameter : parameters) {
                JsonNode schema = parameter.schema().deepCopy();
                prefix.add(schema instanceof ObjectNode object ? object.put("title", parameter.name()) : schema);
            }
        }
        args.putObject("items").putObject("not");
        return args.put("minItems", parameters.size()).put("maxItems", parameters.size());
    }

    private static ObjectNode lifecycle(HostedType type, Subject subject) {
        ObjectNode path = Json.mapper().createObjectNode();
        path.set("post", actorOperation(type, "create", "Create an actor",
                "Creates the " + type.name() + " actor of this key with the creation input.")
                .jsonBody("The creation input", "CreateRequest", false)
                .jsonResponse(201, "Created", "ActorCreated")
                .errors(400, 401, 403, 404, 409, 413, 415, 503, 504)
                .build());
        info(path, subject);
        return path;
    }

    /** The GET (describe) and DELETE (destroy) operations of {@code subject}'s path. */
    private static void info(ObjectNode path, Subject subject) {
        path.set("get", subject.operation("info", "Describe an actor",
                "The id, type, key and creation time of " + subject.actor() + "; needs #view.")
                .jsonResponse(200, "The actor", "ActorInfo")
                .errors(400, 401, 403, 404, 503)
                .build());
        path.set("delete", subject.operation("destroy", "Destroy an actor",
                "Destroys " + subject.actor() + " and its state" + (subject.byKey() ? "; succeeds if it is absent."
                        : "; 404 actor/not_found if no actor has the id."))
                .emptyResponse(204, subject.byKey() ? "Destroyed, or absent" : "Destroyed")
                .errors(400, 401, 403, 404, 503, 504)
                .build());
    }

    /** The routes of any existing actor named by its id ({@code /v1/ids/{id}/…}), for every type alike. */
    private static void byId(ObjectNode paths) {
        Subject subject = Subject.byId();
        String base = "/v1/ids/{id}";
        info(paths.putObject(base), subject);
        ObjectNode action = OpenApiOperation.schema("string").put("pattern", "^[^/;]+$");
        paths.putObject(base + "/actions/{action}").set("post", subject.operation("action", "Call an action",
                        "Calls an action of the actor with this id and answers its output once the turn is durable; "
                                + "never creates an actor. The arguments and output are those of the actor's type.")
                .pathParameter("action", "The action's name", action)
                .jsonBody("The arguments, in order", "ActionRequest", false)
                .jsonResponse(200, "The action's output", "ActionResponse")
                .errors(400, 401, 403, 404, 409, 413, 415, 422, 503, 504)
                .build());
        paths.putObject(base + "/view").set("get", view(subject));
        paths.putObject(base + "/events").set("get", events(subject, Map.of()));
        paths.putObject(base + "/connect").set("get", connect(subject));
    }

    private static ObjectNode view(Subject subject) {
        ObjectNode waitMs = OpenApiOperation.schema("integer").put("minimum", 0)
                .put("maximum", ViewWait.MAX_WAIT.toMillis());
        OpenApiOperation view = subject.operation("view", "Read the caller's view",
                "The caller's view of the durable state of " + subject.actor() + " with its checksum; with after "
                        + "and waitMs, answers once the view's checksum differs from after, or after waitMs; with "
                        + "waitForState or waitForEvent (state machines), answers once the machine is in that state or "
                        + "has processed an event of that type, or 408 machine/wait_timeout after waitMs.");
        if (subject.byKey()) {
            view.query("mode", "Whether reading the view may create the actor", mode("get"));
        }
        view.query("after", "A view checksum the caller holds: wait for a view with another one",
                        OpenApiOperation.schema("string"))
                .query("waitForState", "A machine state to wait for: a dotted path such as editing.draft, or a JSON "
                        + "object state value (matchesState semantics on the view's value)", OpenApiOperation.schema("string"))
                .query("waitForEvent", "A machine event type to wait for: answers once the machine has processed "
                        + "the next event of that type", OpenApiOperation.schema("string"))
                .query("waitMs", "How long to wait, in milliseconds: for a change (with after; no wait without), or "
                        + "for a state or an event (30000 without)", waitMs);
        if (subject.byKey()) {
            view.jsonQuery("input", "The creation input, a JSON value, used only if mode=getOrCreate creates the actor",
                    Json.mapper().createObjectNode());
        }
        return view.jsonResponse(200, "The view", "ViewSnapshot")
                .errors(400, 401, 403, 404, 408, 429, 503, 504)
                .build();
    }

    /**
     * The event stream route. With {@code declared} events (a type that declares some, each name to its
     * component) the {@code event} parameter takes their names or {@code *}, and the stream's schema is
     * that of one of its events, in the shape OpenAPI 3.2's {@code itemSchema} gives a stream's items:
     * an object of {@code id}, {@code event} (the name) and {@code data} (the arguments' component, or
     * the error of the closing {@code troupe.closed}).
     */
    private static ObjectNode events(Subject subject, Map<String, String> declared) {
        ObjectNode lastEventId = OpenApiOperation.schema("string");
        lastEventId.put("pattern", "^[A-Za-z0-9_-]{22}-(0|[1-9][0-9]{0,17})$");
        OpenApiOperation events = subject.operation("events", "Stream the actor's events",
                "The events of " + subject.actor() + " as server-sent events (id: the stream and position, event: "
                        + "the name, data: the JSON array of its arguments" + (declared.isEmpty() ? ""
                        : ", as x-troupe-events describes per event") + "), with keep-alive comments, ending with a "
                        + "troupe.closed event" + (subject.byKey()
                        ? "; creates the actor unless mode is get or the request resumes." : "."));
        if (subject.byKey()) {
            events.query("mode", "Whether the stream may create the actor", mode("getOrCreate"));
        }
        List<String> names = List.copyOf(declared.keySet());
        return events.repeatedQuery("event", "The event names to receive, repeated; every event the caller may "
                        + "receive when absent or *", 0, names.isEmpty() ? names : Stream.concat(names.stream(), Stream.of("*")).toList())
                .query("token", "A bearer JWT, for clients that cannot send an Authorization header "
                        + "(EventSource); not together with one", OpenApiOperation.schema("string"))
                .optionalHeader("Last-Event-ID", "The id of the last event received, to resume the stream after it "
                        + "(EventSource sends it on reconnect); such a request never creates the actor", lastEventId)
                .response(200, "The event stream", "text/event-stream", streamSchema(declared))
                .errors(400, 401, 403, 404, 429, 503, 504)
                .build();
    }

    private static ObjectNode streamSchema(Map<String, String> declared) {
        if (declared.isEmpty()) {
            return OpenApiOperation.schema("string");
        }
        ObjectNode schema = Json.mapper().createObjectNode()
                .put("description", "One event of the stream: its id, its name and its data");
        ArrayNode oneOf = schema.putArray("oneOf");
        declared.forEach((name, model) -> oneOf.add(streamEvent(name, model)));
        oneOf.add(streamEvent("troupe.closed", "Error"));
        return schema;
    }

    private static ObjectNode streamEvent(String name, String model) {
        ObjectNode event = OpenApiOperation.schema("object").put("description", "The event " + name);
        ObjectNode properties = event.putObject("properties");
        properties.set("id", OpenApiOperation.schema("string"));
        properties.set("event", OpenApiOperation.schema("string").put("const", name));
        properties.putObject("data").put("$ref", "#/components/schemas/" + model);
        event.putArray("required").add("event").add("data");
        return event;
    }

    private static ObjectNode connect(Subject subject) {
        ObjectNode upgrade = OpenApiOperation.schema("string");
        upgrade.putArray("enum").add("websocket");
        ObjectNode version = OpenApiOperation.schema("string");
        version.putArray("enum").add("13");
        OpenApiOperation connect = subject.operation("connect", "Open a WebSocket connection",
                "Upgrades to a WebSocket of protocol v1 JSON frames with " + subject.actor() + " (calls, events, "
                        + "view sync); the caller is the header token's, else the one the first frame names.");
        if (subject.byKey()) {
            connect.query("mode", "Whether the connection may create the actor", mode("getOrCreate"));
        }
        return connect.jsonQuery("params", "The connection parameters, a JSON object the actor's connection hooks see",
                        OpenApiOperation.schema("object"))
                .header("Upgrade", "The protocol to switch to", upgrade)
                .header("Connection", "Upgrade", OpenApiOperation.schema("string"))
                .header("Sec-WebSocket-Key", "The base64 of 16 random bytes (RFC 6455)", OpenApiOperation.schema("string"))
                .header("Sec-WebSocket-Version", "The WebSocket version (RFC 6455)", version)
                .emptyResponse(101, "Switching Protocols: the connection is a WebSocket from here on")
                .errors(400, 401, 403, 404, 426, 429, 503)
                .build();
    }

    static OpenApiOperation actorOperation(HostedType type, String name, String summary, String description) {
        return Subject.of(type).operation(name, summary, description);
    }

    /**
     * Whom the operations of a path address: the actor of a type and key ({@code /v1/actors/{type}/…},
     * the key in the {@code key} parameters), or the existing actor of an id ({@code /v1/ids/{id}/…},
     * the same for every type; their operation ids start with {@code byId.}, which no type's can).
     *
     * @param idPrefix  what operation ids start with
     * @param tag       the operations' tag
     * @param actor     the actor, in words, for descriptions
     * @param byKey     whether the key parameters name the actor (else the {@code id} path parameter)
     */
    private record Subject(String idPrefix, String tag, String actor, boolean byKey) {
        static final String BY_ID_TAG = "by-id";

        static Subject of(HostedType type) {
            return new Subject(camel(type.name()) + "_", type.name(), "the " + type.name() + " actor of this key", true);
        }

        static Subject byId() {
            return new Subject("byId.", BY_ID_TAG, "the actor with this id", false);
        }

        OpenApiOperation operation(String name, String summary, String description) {
            OpenApiOperation operation = OpenApiOperation.of(idPrefix + name, tag, summary, description).bearerOrAnonymous();
            if (byKey) {
                return operation.repeatedQuery("key", "The key parts, in order; none for the empty key", MAX_KEY_PARTS);
            }
            ObjectNode id = OpenApiOperation.schema("string").put("format", "uuid")
                    .put("pattern", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
            return operation.pathParameter("id", "The actor's id, as its info and creation answers give it", id);
        }
    }

    private static void serverRoutes(ObjectNode paths) {
        paths.putObject(ProtocolV1.PREFIX + "/openapi.json").set("get",
                OpenApiOperation.of("openapi", SERVER_TAG, "This document",
                                "The OpenAPI document of every actor type this server hosts.")
                        .open()
                        .response(200, "The OpenAPI 3.1 document", "application/json", OpenApiOperation.schema("object"))
                        .errors(400)
                        .build());
        paths.putObject(ProtocolV1.PREFIX + "/asyncapi.json").set("get",
                OpenApiOperation.of("asyncapi", SERVER_TAG, "The WebSocket events",
                                "The AsyncAPI document of the event frames the WebSocket connections carry, per actor "
                                        + "type and declared event.")
                        .open()
                        .response(200, "The AsyncAPI 3.0 document", "application/json", OpenApiOperation.schema("object"))
                        .errors(400)
                        .build());
        paths.putObject("/healthz").set("get",
                OpenApiOperation.of("health", SERVER_TAG, "Liveness", "Whether the server is serving or stopping.")
                        .open()
                        .jsonResponse(200, "Serving", "Health")
                        .jsonResponse(503, "Stopping", "Health")
                        .errors(400)
                        .build());
        paths.putObject("/readyz").set("get",
                OpenApiOperation.of("ready", SERVER_TAG, "Readiness",
                                "Whether the server and its runtime accept new work; 503 once either is stopping.")
                        .open()
                        .jsonResponse(200, "Ready", "Health")
                        .jsonResponse(503, "Not ready", "Health")
                        .errors(400)
                        .build());
        paths.putObject("/metrics").set("get",
                OpenApiOperation.of("metrics", SERVER_TAG, "Metrics", "The server's metrics in the Prometheus text format.")
                        .open()
                        .response(200, "The metrics", "text/plain", OpenApiOperation.schema("string"))
                        .errors(400)
                        .build());
    }

    /** The schemas every document has: errors, lifecycle answers, views and health. */
    private static ObjectNode sharedSchemas() {
        ObjectNode schemas = Json.mapper().createObjectNode();
        ObjectNode error = object(schemas, "Error", "An error: its code (group/code), a message and details");
        property(error, "group", OpenApiOperation.schema("string"), "The code's group, such as actor or request");
        property(error, "code", OpenApiOperation.schema("string"), "The code within its group, such as not_found");
        property(error, "message", OpenApiOperation.schema("string"), "What went wrong, in plain words");
        property(error, "metadata", OpenApiOperation.schema("object"), "Details; keys depend on the code");
        ObjectNode create = schemas.putObject("CreateRequest").put("type", "object")
                .put("description", "The creation input the actor's creation hook sees")
                .put("additionalProperties", false);
        create.putObject("properties").putObject("input").put("description", "Any JSON value");
        ObjectNode created = object(schemas, "ActorCreated", "The created actor");
        property(created, "id", OpenApiOperation.schema("string"), "The actor's id");
        property(created, "key", key(), "The actor's key parts");
        ObjectNode actor = object(schemas, "ActorInfo", "An actor");
        property(actor, "id", OpenApiOperation.schema("string"), "The actor's id");
        property(actor, "type", OpenApiOperation.schema("string"), "The actor's type");
        property(actor, "key", key(), "The actor's key parts");
        property(actor, "createdAt", OpenApiOperation.schema("string").put("format", "date-time"), "When it was created");
        ObjectNode call = schemas.putObject("ActionRequest").put("type", "object")
                .put("description", "The arguments of an action of any type, in order")
                .put("additionalProperties", false);
        ObjectNode args = OpenApiOperation.schema("array").put("description", "The arguments, any JSON values");
        args.putObject("items");
        call.putObject("properties").set("args", args);
        ObjectNode output = object(schemas, "ActionResponse", "The output of an action");
        property(output, "output", Json.mapper().createObjectNode(), "What the action returned, as JSON");
        ObjectNode snapshot = object(schemas, "ViewSnapshot", "The caller's view with its checksum");
        property(snapshot, "view", Json.mapper().createObjectNode(), "The view, as the actor's view function shapes it");
        property(snapshot, "checksum", OpenApiOperation.schema("string"), "The checksum of the view's canonical JSON");
        property(snapshot, "seq", OpenApiOperation.schema("integer"), "Always 0: sequence numbers count WebSocket view frames");
        ObjectNode health = object(schemas, "Health", "The server's liveness");
        ObjectNode status = OpenApiOperation.schema("string");
        status.putArray("enum").add("ok").add("stopping");
        property(health, "status", status, "ok while serving, stopping once the server stops");
        return schemas;
    }

    static ObjectNode object(ObjectNode schemas, String name, String description) {
        ObjectNode schema = schemas.putObject(name).put("type", "object").put("description", description);
        schema.putObject("properties");
        schema.putArray("required");
        return schema;
    }

    /** Adds a required property. */
    static void property(ObjectNode object, String name, ObjectNode schema, String description) {
        ((ObjectNode) object.get("properties")).set(name, schema.put("description", description));
        ((ArrayNode) object.get("required")).add(name);
    }

    private static ObjectNode key() {
        ObjectNode key = OpenApiOperation.schema("array").put("maxItems", MAX_KEY_PARTS);
        key.set("items", OpenApiOperation.schema("string"));
        return key;
    }

    private static ObjectNode mode(String absent) {
        ObjectNode mode = OpenApiOperation.schema("string").put("default", absent);
        mode.putArray("enum").add("get").add("getOrCreate");
        return mode;
    }

    static String camel(String typeName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : typeName.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String pascal(String name) {
        String camel = camel(name);
        return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
