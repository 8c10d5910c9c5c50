package dev.troupe.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ActorError;
import dev.troupe.Effects;
import dev.troupe.Key;
import dev.troupe.TroupeException;
import dev.troupe.UserException;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * Calls to other actors as recorded effects. A turn of a type with history that calls another actor
 * gets this proxy instead of the plain handle: each call is an effect named "call:<Contract>.<method>"
 * whose value is {"key":[…],"result":…} or {"key":[…],"error":{"code","group","message","metadata","status"}}.
 * Live, the call is made and its answer recorded; in replay the answer is taken from the entry and the
 * other actor is not called (Replayer's scope has no handles at all). A replayed call to another key
 * is a divergence, as is a call the recording does not have (ReplayedEffects).
 *
 * So that live and replay behave the same, the caller always gets the recorded answer: the result read
 * back from its JSON as the method declares it, or a TroupeException with the recorded error.
 */
final class RecordedCalls implements InvocationHandler {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final Class<?> contract;
    private final Key key;
    private final Effects effects;
    private final Supplier<Object> target;

    private RecordedCalls(Class<?> contract, Key key, Effects effects, Supplier<Object> target) {
        this.contract = contract;
        this.key = key;
        this.effects = effects;
        this.target = target;
    }

    /**
     * A handle on the actor {@code key} of {@code contract} whose calls go through {@code effects};
     * {@code target} gives the live handle, asked for only when a call is made live.
     */
    static <C> C proxy(Class<C> contract, Key key, Effects effects, Supplier<C> target) {
        RecordedCalls calls = new RecordedCalls(contract, key, effects, target::get);
        return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract}, calls));
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "recorded handle of " + contract.getSimpleName() + " " + key;
            };
        }
        JsonNode result = answer(effects, "call:" + contract.getSimpleName() + "." + method.getName(), key,
                () -> invokeTarget(method, args));
        if (method.getReturnType() == void.class) {
            return null;
        }
        return Json.mapper().convertValue(result, Json.mapper().constructType(method.getGenericReturnType()));
    }

    /**
     * Makes a call through {@code effects} as the effect {@code name}: live, {@code call} runs and its
     * answer is recorded; in replay the recorded answer is used.
     *
     * @return the call's result as JSON
     * @throws TroupeException the error the callee answered, live or recorded
     */
    static JsonNode answer(Effects effects, String name, Key key, Supplier<@Nullable Object> call) {
        JsonNode answer = effects.record(name, JsonNode.class, () -> live(key, call));
        JsonNode recordedKey = answer.path("key");
        if (!recordedKey.equals(keyJson(key))) {
            throw new ReplayedEffects.Divergence("effect '" + name + "' calls key " + key + " in replay but "
                    + recordedKey + " was recorded");
        }
        JsonNode error = answer.get("error");
        if (error != null) {
            throw failure(error);
        }
        return answer.path("result");
    }

    /** Makes the call; an error the callee answered is recorded, anything else escapes unrecorded. */
    private static JsonNode live(Key key, Supplier<@Nullable Object> call) {
        ObjectNode answer = NODES.objectNode();
        answer.set("key", keyJson(key));
        try {
            answer.set("result", CanonicalJson.tree(call.get()));
        } catch (TroupeException failure) {
            ObjectNode detail = answer.putObject("error");
            detail.put("group", failure.error().group());
            detail.put("code", failure.error().code());
            detail.put("message", failure.error().message());
            detail.put("status", failure.status());
            detail.set("metadata", CanonicalJson.tree(failure.error().metadata()));
        }
        return answer;
    }

    /** Calls the live handle's method, with what the callee threw as is. */
    private @Nullable Object invokeTarget(Method method, Object @Nullable [] args) {
        try {
            return method.invoke(target.get(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException unchecked ? unchecked
                    : new IllegalStateException("the call " + method.getName() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the contract method " + method + " is not accessible", e);
        }
    }

    /** The recorded error as the caller gets it: a {@link UserException} for the {@code user} group. */
    private static TroupeException failure(JsonNode error) {
        Map<String, Object> metadata = Json.mapper().convertValue(error.path("metadata"), METADATA);
        String code = error.path("code").asText();
        String message = error.path("message").asText();
        int status = error.path("status").asInt();
        if ("user".equals(error.path("group").asText())) {
            return new UserException(code, message, metadata, status);
        }
        return new TroupeException(new ActorError(error.path("group").asText(), code, message, metadata), status);
    }

    private static JsonNode keyJson(Key key) {
        return NODES.arrayNode().addAll(key.parts().stream().map(NODES::textNode).toList());
    }
}
