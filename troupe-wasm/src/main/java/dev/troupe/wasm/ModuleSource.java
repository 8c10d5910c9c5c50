package dev.troupe.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.troupe.ContentHash;
import dev.troupe.Contents;
import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a definition's module comes from: bytes given with the definition (parsed, and compiled if
 * asked, once), or a content hash, loaded from the content store by the first turn that needs it and
 * kept. A module that is too large or not WebAssembly fails the load with its code.
 */
final class ModuleSource {
    private final @Nullable ContentHash hash;
    private volatile @Nullable Loaded loaded;

    /** A parsed module and, when compiled, the machine factory that runs it as JVM bytecode. */
    record Loaded(WasmModule module, @Nullable Function<Instance, Machine> compiled) {
    }

    private ModuleSource(@Nullable ContentHash hash, @Nullable Loaded loaded) {
        this.hash = hash;
        this.loaded = loaded;
    }

    static ModuleSource of(byte[] bytes, WasmLimits limits) {
        return new ModuleSource(null, new Loaded(parse(bytes, limits), null));
    }

    static ModuleSource of(ContentHash hash) {
        return new ModuleSource(hash, null);
    }

    /** This source with its module compiled to JVM bytecode; only for a source given as bytes. */
    ModuleSource compiled() {
        Loaded current = loaded;
        if (current == null) {
            throw new IllegalStateException("only a module given as bytes can be compiled");
        }
        return new ModuleSource(null, new Loaded(current.module(), MachineFactoryCompiler.compile(current.module())));
    }

    /**
     * The module, loaded from the content store on first use when it is given by hash. The store is
     * asked for only then: a replayed turn may not touch it, and needs no module it has not loaded.
     */
    Loaded load(Supplier<Contents> store, WasmLimits limits) {
        Loaded current = loaded;
        if (current != null) {
            return current;
        }
        ContentHash contentHash = hash;
        if (contentHash == null) {
            throw new IllegalStateException("a module source has bytes or a hash");
        }
        Contents contents = store.get();
        if (contents.info(contentHash).map(info -> info.size() > limits.maxModuleBytes()).orElse(false)) {
            throw tooLarge(contents.info(contentHash).orElseThrow().size(), limits);
        }
        byte[] bytes = contents.open(contentHash).map(in -> {
            try (in) {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new TroupeException(ErrorCode.INTERNAL_ERROR, "reading module " + contentHash + " failed", e);
            }
        }).orElseThrow(() -> new TroupeException(ErrorCode.CONTENT_NOT_FOUND,
                "no module is stored under " + contentHash));
        Loaded fresh = new Loaded(parse(bytes, limits), null);
        loaded = fresh;
        return fresh;
    }

    private static WasmModule parse(byte[] bytes, WasmLimits limits) {
        if (bytes.length > limits.maxModuleBytes()) {
            throw tooLarge(bytes.length, limits);
        }
        try {
            return Parser.parse(bytes);
        } catch (ChicoryException e) {
            throw Manifest.invalid("the module is not valid WebAssembly: " + e.getMessage());
        }
    }

    private static TroupeException tooLarge(long size, WasmLimits limits) {
        return new TroupeException(ErrorCode.WASM_MODULE_TOO_LARGE, "the module has " + size
                + " bytes, more than the limit of " + limits.maxModuleBytes());
    }
}
