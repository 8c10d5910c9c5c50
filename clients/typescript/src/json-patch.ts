import { hasOwn, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from "./json.js";

/** One operation of an RFC 6902 JSON Patch. */
export type PatchOperation =
  | { readonly op: "add"; readonly path: string; readonly value: JsonValue }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: JsonValue }
  | { readonly op: "move"; readonly from: string; readonly path: string }
  | { readonly op: "copy"; readonly from: string; readonly path: string }
  | { readonly op: "test"; readonly path: string; readonly value: JsonValue };

/** A patch could not be applied: a malformed operation, a missing target or a failed `test`. */
export class PatchError extends Error {
  override readonly name = "PatchError";
}

type Container = JsonValue[] | Record<string, JsonValue>;

/**
 * Applies an RFC 6902 JSON Patch and returns the new document. The input is never modified: the
 * containers along each changed path are copied, everything else is shared, so unchanged parts keep
 * their identity (which lets UI code compare by reference).
 *
 * @throws PatchError if an operation is malformed or cannot apply; then no result is produced
 */
export function applyPatch(document: JsonValue, patch: readonly PatchOperation[]): JsonValue {
  if (!Array.isArray(patch)) throw new PatchError("a patch must be an array of operations");
  let result = document;
  patch.forEach((operation, index) => {
    try {
      result = applyOperation(result, operation);
    } catch (e) {
      if (e instanceof PatchError) throw new PatchError(`operation ${index} (${describe(operation)}): ${e.message}`);
      throw e;
    }
  });
  return result;
}

function applyOperation(document: JsonValue, operation: PatchOperation): JsonValue {
  if (typeof operation !== "object" || operation === null) throw new PatchError("not an object");
  switch (operation.op) {
    case "add":
      return add(document, parsePointer(operation.path), requireValue(operation));
    case "remove":
      return remove(document, parsePointer(operation.path));
    case "replace":
      return replace(document, parsePointer(operation.path), requireValue(operation));
    case "move": {
      const from = parsePointer(operation.from);
      const path = parsePointer(operation.path);
      if (operation.from === operation.path) return document;
      if (isPrefix(from, path)) throw new PatchError("cannot move a value into one of its own children");
      const value = get(document, from);
      return add(remove(document, from), path, value);
    }
    case "copy":
      return add(document, parsePointer(operation.path), get(document, parsePointer(operation.from)));
    case "test":
      if (!jsonEqual(get(document, parsePointer(operation.path)), requireValue(operation))) {
        throw new PatchError("test failed");
      }
      return document;
    default:
      throw new PatchError(`unknown op '${String((operation as { op: unknown }).op)}'`);
  }
}

/**
 * The reference tokens of an RFC 6901 JSON Pointer (`""` is the whole document).
 *
 * @throws PatchError if the pointer is not a string or does not start with `/`
 */
export function parsePointer(pointer: unknown): string[] {
  if (typeof pointer !== "string") throw new PatchError("a path must be a string");
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PatchError(`path '${pointer}' must start with '/'`);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function requireValue(operation: { readonly value?: JsonValue }): JsonValue {
  if (!("value" in operation) || operation.value === undefined) throw new PatchError("missing 'value'");
  return operation.value;
}

function get(document: JsonValue, tokens: readonly string[]): JsonValue {
  let current = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      current = current[existingIndex(current, token)] as JsonValue;
    } else if (isJsonObject(current) && hasOwn(current, token)) {
      current = current[token] as JsonValue;
    } else {
      throw new PatchError(`no value at '${token}'`);
    }
  }
  return current;
}

function add(document: JsonValue, tokens: readonly string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  return edit(document, tokens, (parent, token) => {
    if (Array.isArray(parent)) {
      const index = token === "-" ? parent.length : arrayIndex(token);
      if (index > parent.length) throw new PatchError(`index ${index} is past the end (${parent.length})`);
      parent.splice(index, 0, value);
    } else {
      setOwn(parent, token, value);
    }
  });
}

function remove(document: JsonValue, tokens: readonly string[]): JsonValue {
  if (tokens.length === 0) throw new PatchError("cannot remove the whole document");
  return edit(document, tokens, (parent, token) => {
    if (Array.isArray(parent)) {
      parent.splice(existingIndex(parent, token), 1);
    } else {
      if (!hasOwn(parent, token)) throw new PatchError(`no member '${token}' to remove`);
      delete parent[token];
    }
  });
}

function replace(document: JsonValue, tokens: readonly string[], value: JsonValue): JsonValue {
  if (tokens.length === 0) return value;
  return edit(document, tokens, (parent, token) => {
    if (Array.isArray(parent)) {
      parent[existingIndex(parent, token)] = value;
    } else {
      if (!hasOwn(parent, token)) throw new PatchError(`no member '${token}' to replace`);
      setOwn(parent, token, value);
    }
  });
}

/**
 * Copies the containers from the root to the parent of the last token, then lets `change` modify the
 * copied parent. Returns the new root.
 */
function edit(
  document: JsonValue,
  tokens: readonly string[],
  change: (parent: Container, token: string) => void,
): JsonValue {
  const root = copyContainer(document, "the document");
  let parent = root;
  for (const token of tokens.slice(0, -1)) {
    const child = Array.isArray(parent)
      ? parent[existingIndex(parent, token)]
      : hasOwn(parent, token)
        ? parent[token]
        : undefined;
    if (child === undefined) throw new PatchError(`no value at '${token}'`);
    const copy = copyContainer(child, `'${token}'`);
    if (Array.isArray(parent)) {
      parent[Number(token)] = copy;
    } else {
      setOwn(parent, token, copy);
    }
    parent = copy;
  }
  change(parent, tokens[tokens.length - 1] as string);
  return root;
}

function copyContainer(value: JsonValue, what: string): Container {
  if (Array.isArray(value)) return [...(value as JsonValue[])];
  if (isJsonObject(value)) return { ...(value as JsonObject) };
  throw new PatchError(`${what} is not an object or array`);
}

/** Sets an own property, even one named `__proto__`, without touching prototypes. */
function setOwn(object: Record<string, JsonValue>, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function arrayIndex(token: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new PatchError(`'${token}' is not an array index`);
  return Number(token);
}

function existingIndex(array: readonly JsonValue[], token: string): number {
  const index = arrayIndex(token);
  if (index >= array.length) throw new PatchError(`index ${index} is out of bounds (${array.length})`);
  return index;
}

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length < path.length && prefix.every((token, i) => token === path[i]);
}

function describe(operation: PatchOperation): string {
  if (typeof operation !== "object" || operation === null) return String(operation);
  return `${String(operation.op)} ${String(operation.path)}`;
}
