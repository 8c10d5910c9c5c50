package dev.troupe.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.ChicoryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorContext;
import dev.troupe.json.Json;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs the turns of one activation of a {@link WasmDefinition}: each action or hook is one call of the
 * module's export ({@code action_<name>}, {@code on_create}, {@code on_wake}, {@code on_sleep},
 * {@code on_destroy}) with its JSON input placed in linear memory. The state lives in the actor's
 * record as {@code {"capabilities": [...], "state": ...}}; the module sees and replaces the inner state
 * through host functions, and it is set on the context only when the call succeeds, so a failing call
 * (trap, fuel, memory, error returned, malformed JSON) changes nothing. Read-only actions run on an
 * instance of their own, since they may run beside another turn.
 */
final class WasmBehaviour implements ActorBehaviour {
    private static final String STATE = "state";

    private final WasmDefinition definition;
    private final ModuleSource source;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private @Nullable Sandbox writer;
    private @Nullable Sandbox reader;

    WasmBehaviour(WasmDefinition definition, ModuleSource source) {
        this.definition = definition;
        this.source = source;
    }

    @Override
    public Object initialState(ActorContext context, Input input) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.set(Capabilities.GRANT, Capabilities.write(Capabilities.initial(input, definition.manifest())));
        state.set(STATE, definition.manifest().initialState().deepCopy());
        return state;
    }

    @Override
    public @Nullable Object invoke(ActorContext context, String action, Object[] args) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Object arg : args) {
            array.add(Json.mapper().<JsonNode>valueToTree(arg));
        }
        boolean readOnly = definition.manifest().actions().stream()
                .anyMatch(candidate -> candidate.name().equals(action) && candidate.readOnly());
        return call(context, "action_" + action, array, readOnly, true);
    }

    @Override
    public void onCreate(ActorContext context, Input input) {
        Object raw = input.raw();
        call(context, "on_create", raw == null ? Json.mapper().nullNode() : Json.mapper().valueToTree(raw), false, false);
    }

    @Override
    public void onWake(ActorContext context) {
        call(context, "on_wake", Json.mapper().nullNode(), false, false);
    }

    @Override
    public void onSleep(ActorContext context) {
        call(context, "on_sleep", Json.mapper().nullNode(), false, false);
    }

    @Override
    public void onDestroy(ActorContext context) {
        call(context, "on_destroy", Json.mapper().nullNode(), false, false);
    }

    @Override
    public @Nullable Object view(ActorContext context, Object state, dev.troupe.Caller caller) {
        return Json.mapper().<JsonNode>valueToTree(state).path(STATE);
    }

    private @Nullable JsonNode call(ActorContext context, String export, JsonNode input, boolean readOnly, boolean required) {
        synchronized (readOnly ? readLock : writeLock) {
            Sandbox box = sandbox(context, readOnly);
            ExportFunction function = box.export(export);
            if (function == null) {
                if (required) {
                    throw Manifest.invalid("the module does not export '" + export + "'");
                }
                return null;
            }
            JsonNode record = Json.mapper().valueToTree(context.state());
            Set<Capability> held = Capabilities.read(record.path(Capabilities.GRANT));
            Turn turn = new Turn(context, held, readOnly, input, record.path(STATE), definition.limits().fuel());
            boolean ok = false;
            box.begin(turn);
            try {
                byte[] json = HostFunctions.write(input);
                int address = box.place(json);
                long status = function.apply(address, json.length)[0];
                if (turn.failure != null) {
                    throw turn.failure;
                }
                if (status != 0) {
                    throw Manifest.invalid("'" + export + "' returned status " + status + " without calling fail");
                }
                ok = true;
            } catch (Turn.FuelExhausted e) {
                throw new TroupeException(ErrorCode.WASM_FUEL_EXHAUSTED, "'" + export + "' used more than its "
                        + definition.limits().fuel() + " instructions of fuel");
            } catch (ChicoryException e) {
                throw classify(box, export, e);
            } finally {
                box.end();
                if (!ok) {
                    drop(readOnly);
                }
            }
            if (turn.stateChanged) {
                ObjectNode next = ((ObjectNode) record).deepCopy();
                next.set(STATE, turn.state);
                context.setState(next);
            }
            return turn.result;
        }
    }

    private static TroupeException classify(Sandbox box, String export, ChicoryException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TroupeException troupe) {
                return troupe;
            }
            if (cause instanceof Turn.FuelExhausted) {
                return new TroupeException(ErrorCode.WASM_FUEL_EXHAUSTED, "'" + export + "' ran out of fuel");
            }
        }
        if (box.atMemoryLimit()) {
            return new TroupeException(ErrorCode.WASM_MEMORY_LIMIT, "'" + export
                    + "' trapped with its memory grown to the limit: " + e.getMessage());
        }
        return new TroupeException(ErrorCode.WASM_TRAP, "'" + export + "' trapped: " + e.getMessage());
    }

    private Sandbox sandbox(ActorContext context, boolean readOnly) {
        Sandbox existing = readOnly ? reader : writer;
        if (existing != null) {
            return existing;
        }
        Sandbox fresh = new Sandbox(source.load(context::contents, definition.limits()), definition);
        if (readOnly) {
            reader = fresh;
        } else {
            writer = fresh;
        }
        return fresh;
    }

    private void drop(boolean readOnly) {
        if (readOnly) {
            reader = null;
        } else {
            writer = null;
        }
    }
}
