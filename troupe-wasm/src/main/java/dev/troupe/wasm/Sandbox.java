package dev.troupe.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One instance of a module with the turn it is running: the host functions reach the turn through
 * {@link #turn()}. Used by one turn at a time. A turn that fails leaves the instance in an unknown
 * state, so the behaviour drops the sandbox then and makes a fresh one for the next turn.
 */
final class Sandbox {
    private final Instance instance;
    private final WasmLimits limits;
    private final WasmDefinition definition;
    private @Nullable Turn turn;

    Sandbox(ModuleSource.Loaded loaded, WasmDefinition definition) {
        this.definition = definition;
        this.limits = definition.limits();
        Instance.Builder builder = Instance.builder(loaded.module())
                .withImportValues(HostFunctions.imports(this))
                .withMemoryFactory(this::memory)
                .withStart(false);
        if (loaded.compiled() != null) {
            builder.withMachineFactory(loaded.compiled());
        } else {
            builder.withUnsafeExecutionListener((instruction, stack) -> turn().burn());
        }
        try {
            this.instance = builder.build();
        } catch (TroupeException e) {
            throw e;
        } catch (ChicoryException | IllegalArgumentException e) {
            throw Manifest.invalid("the module cannot be instantiated: " + e.getMessage());
        }
        if (instance.exports().memory("memory") == null || export("alloc") == null) {
            throw Manifest.invalid("the module must export 'memory' and 'alloc'");
        }
    }

    private Memory memory(MemoryLimits declared) {
        if (declared.initialPages() > limits.maxMemoryPages()) {
            throw new TroupeException(ErrorCode.WASM_MEMORY_LIMIT, "the module starts with "
                    + declared.initialPages() + " pages of memory, more than the limit of " + limits.maxMemoryPages());
        }
        return new ByteArrayMemory(new MemoryLimits(declared.initialPages(),
                Math.min(declared.maximumPages(), limits.maxMemoryPages())));
    }

    /** The export of that name, or null if the module has none. */
    @Nullable ExportFunction export(String name) {
        try {
            return instance.export(name);
        } catch (ChicoryException e) {
            return null;
        }
    }

    /** Whether the memory has grown to its limit, which is why a trap at that point is a memory limit. */
    boolean atMemoryLimit() {
        return instance.memory().pages() >= Math.min(instance.memory().maximumPages(), limits.maxMemoryPages());
    }

    /** Copies {@code json} into memory the module allocated; returns the address. */
    int place(byte[] json) {
        ExportFunction alloc = export("alloc");
        int address = (int) alloc.apply(json.length)[0];
        instance.memory().write(address, json);
        return address;
    }

    String readString(long address, long length) {
        return new String(readBytes(address, length), StandardCharsets.UTF_8);
    }

    byte[] readBytes(long address, long length) {
        return instance.memory().readBytes((int) address, (int) length);
    }

    void write(long address, byte[] bytes) {
        instance.memory().write((int) address, bytes);
    }

    /** The contract of a child type the module may spawn. */
    Class<?> childContract(String typeName) {
        Class<?> contract = definition.childContract(typeName);
        if (contract == null) {
            throw new TroupeException(ErrorCode.TYPE_NOT_FOUND,
                    "'" + typeName + "' is not a child type of '" + definition.typeName() + "'");
        }
        return contract;
    }

    Turn turn() {
        Turn current = turn;
        if (current == null) {
            throw new IllegalStateException("the module runs outside a turn");
        }
        return current;
    }

    void begin(Turn next) {
        this.turn = next;
    }

    void end() {
        this.turn = null;
    }
}
