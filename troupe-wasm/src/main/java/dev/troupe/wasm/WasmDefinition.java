package dev.troupe.wasm;

import dev.troupe.ContentHash;
import dev.troupe.TypeOptions;
import dev.troupe.definition.ActionDefinition;
import dev.troupe.definition.ActorBehaviour;
import dev.troupe.definition.ActorDefinition;
import dev.troupe.definition.EventDefinition;
import dev.troupe.definition.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A WebAssembly module and its {@link Manifest} as an actor type: register it with
 * {@code Troupe.builder().register(definition, options -> {})} and the runtime serves it like any
 * other type. The module runs sandboxed on Chicory (pure JVM, no native code): it can reach the actor
 * only through the host functions its {@link Capability capabilities} grant, within its
 * {@link WasmLimits}. The ABI, manifest and capabilities are described in {@code docs/wasm.md}.
 *
 * <p>The module's bytes come either with the definition ({@link Builder#module(byte[])}, for modules
 * known at build time, which may then be {@link Builder#compiled compiled} to JVM bytecode) or from the
 * runtime's content store by hash ({@link Builder#content}), fetched in the first turn that needs
 * them. The actor's state is {@code {"capabilities": [...], "state": <the module's JSON state>}}, so the
 * capabilities an actor holds are part of its record and of every history entry.
 *
 * <p>Immutable and thread-safe.
 */
public final class WasmDefinition implements ActorDefinition {
    private final Manifest manifest;
    private final ModuleSource source;
    private final WasmLimits limits;
    private final boolean compiled;
    private final @Nullable Class<?> contract;
    private final Map<String, Class<?>> children;
    private final List<ActionDefinition> actions;

    private WasmDefinition(Builder builder) {
        this.manifest = Objects.requireNonNull(builder.manifest, "manifest");
        this.limits = builder.limits;
        this.compiled = builder.compiled;
        if (compiled && builder.bytes == null) {
            throw new IllegalArgumentException("only a module given as bytes can be compiled");
        }
        ModuleSource plain = builder.bytes != null ? ModuleSource.of(builder.bytes, limits)
                : ModuleSource.of(Objects.requireNonNull(builder.hash, "a module: bytes or a content hash"));
        this.source = compiled ? plain.compiled() : plain;
        this.contract = builder.contract;
        this.children = Map.copyOf(builder.children);
        this.actions = manifest.actions().stream().<ActionDefinition>map(WasmAction::new).toList();
    }

    /** A builder for a definition described by {@code manifest}. */
    public static Builder builder(Manifest manifest) {
        return new Builder(manifest);
    }

    /** The manifest. */
    public Manifest manifest() {
        return manifest;
    }

    /** The limits its turns run within. */
    public WasmLimits limits() {
        return limits;
    }

    /** Whether the module runs compiled to JVM bytecode (not metered by fuel) rather than interpreted. */
    public boolean compiled() {
        return compiled;
    }

    @Override
    public String typeName() {
        return manifest.name();
    }

    @Override
    public List<ActionDefinition> actions() {
        return actions;
    }

    @Override
    public List<EventDefinition> events() {
        return manifest.events();
    }

    @Override
    public void configure(TypeOptions options) {
        options.stateVersion(manifest.version());
    }

    @Override
    public @Nullable Class<?> contract() {
        return contract;
    }

    @Override
    public ActorBehaviour newBehaviour() {
        return new WasmBehaviour(this, source);
    }

    @Nullable Class<?> childContract(String typeName) {
        return children.get(typeName);
    }

    /** Builds a {@link WasmDefinition}. */
    public static final class Builder {
        private final Manifest manifest;
        private byte @Nullable [] bytes;
        private @Nullable ContentHash hash;
        private WasmLimits limits = WasmLimits.DEFAULT;
        private boolean compiled;
        private @Nullable Class<?> contract;
        private final Map<String, Class<?>> children = new HashMap<>();

        private Builder(Manifest manifest) {
            this.manifest = Objects.requireNonNull(manifest, "manifest");
        }

        /** The module's bytes, known when the definition is built (from the class path, say). */
        public Builder module(byte[] module) {
            this.bytes = module.clone();
            this.hash = null;
            return this;
        }

        /** The module is the content stored under {@code hash}, fetched from the runtime's content store. */
        public Builder content(ContentHash contentHash) {
            this.hash = Objects.requireNonNull(contentHash, "contentHash");
            this.bytes = null;
            return this;
        }

        /** The sandbox limits; {@link WasmLimits#DEFAULT} unless set. */
        public Builder limits(WasmLimits wasmLimits) {
            this.limits = Objects.requireNonNull(wasmLimits, "wasmLimits");
            return this;
        }

        /**
         * Compiles the module to JVM bytecode once, when the definition is built, instead of interpreting
         * it: faster turns, but fuel is not counted, so use it for trusted modules known at build time.
         */
        public Builder compiled(boolean compile) {
            this.compiled = compile;
            return this;
        }

        /** A Java interface whose methods are the actions, for typed handles and for spawning it as a child. */
        public Builder contract(Class<?> actionContract) {
            this.contract = Objects.requireNonNull(actionContract, "actionContract");
            return this;
        }

        /**
         * Lets the module spawn children of the WebAssembly type {@code typeName}, registered with
         * {@code childContract} as its {@link #contract}.
         */
        public Builder child(String typeName, Class<?> childContract) {
            children.put(Objects.requireNonNull(typeName, "typeName"), Objects.requireNonNull(childContract, "childContract"));
            return this;
        }

        /**
         * The definition.
         *
         * @throws dev.troupe.TroupeException {@code wasm/module_too_large} or {@code wasm/invalid_module}
         *                                    for module bytes that are too large or not WebAssembly
         */
        public WasmDefinition build() {
            return new WasmDefinition(this);
        }
    }

    /** One manifest action as an {@link ActionDefinition}. */
    private record WasmAction(Manifest.Action action) implements ActionDefinition {
        @Override
        public String name() {
            return action.name();
        }

        @Override
        public boolean readOnly() {
            return action.readOnly();
        }

        @Override
        public List<Parameter> parameters() {
            return action.parameters();
        }

        @Override
        public JsonNode result() {
            return action.result();
        }
    }
}
