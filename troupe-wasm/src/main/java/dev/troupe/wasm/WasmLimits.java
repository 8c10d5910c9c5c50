package dev.troupe.wasm;

/**
 * The sandbox limits of a WebAssembly actor type. Exceeding one fails only the turn that did
 * ({@code wasm/fuel_exhausted}, {@code wasm/memory_limit}, {@code wasm/module_too_large}): the state
 * stays as it was and the actor serves its next message.
 *
 * @param fuel            the most WebAssembly instructions one turn may execute; counted by the
 *                        interpreter only (a compiled module is not metered, see {@code docs/wasm.md})
 * @param maxMemoryPages  the most 64 KiB pages of linear memory the module may grow to
 * @param maxModuleBytes  the largest module accepted, in bytes
 */
public record WasmLimits(long fuel, int maxMemoryPages, int maxModuleBytes) {
    /** The defaults: ten million instructions a turn, 16 pages (1 MiB) of memory, 4 MiB modules. */
    public static final WasmLimits DEFAULT = new WasmLimits(10_000_000L, 16, 4 << 20);

    /** Checks that every limit is positive. */
    public WasmLimits {
        if (fuel <= 0 || maxMemoryPages <= 0 || maxModuleBytes <= 0) {
            throw new IllegalArgumentException("WebAssembly limits must be positive: " + fuel + ", "
                    + maxMemoryPages + ", " + maxModuleBytes);
        }
    }
}
