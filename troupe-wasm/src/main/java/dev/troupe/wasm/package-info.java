/**
 * WebAssembly actors: a module and its JSON {@link dev.troupe.wasm.Manifest} become an
 * {@link dev.troupe.definition.ActorDefinition} ({@link dev.troupe.wasm.WasmDefinition}) that runs
 * sandboxed on Chicory, reaching the actor only through host functions gated by
 * {@link dev.troupe.wasm.Capability capabilities}, within {@link dev.troupe.wasm.WasmLimits}. See
 * {@code docs/wasm.md}.
 */
@NullMarked
package dev.troupe.wasm;

import org.jspecify.annotations.NullMarked;
