/**
 * State-machine views: what a machine actor shows each caller, and XState's `matchesState`, so a
 * component can ask "is the machine in this state?" exactly as it would of an XState snapshot.
 */

/** A machine's state value as XState writes it: a state name, or nested objects for compound and parallel states. */
export type StateValue = string | { readonly [region: string]: StateValue };

/** What a machine actor's view holds for one caller: the public context, the caller's own private part, the state value. */
export interface MachineView<Public = unknown, Private = unknown> {
  readonly public: Public;
  readonly private: Private;
  readonly value: StateValue;
}

/** How long a `waitForState` or `waitForEvent` waits. */
export interface WaitOptions {
  /** Milliseconds from 0 (only check) to 30000, the default; then it fails with `machine/wait_timeout`. */
  readonly timeoutMs?: number;
}

/**
 * Whether the state value `child` is in the state `parent`, with XState v5's semantics: `parent` may
 * be a dotted path (`"editing.draft"`, a `\` escapes a dot) or a partial state value, and matches
 * every state value at or below it.
 *
 * @example
 * matchesState("editing", { editing: "draft" });         // true
 * matchesState({ editing: "saved" }, { editing: "draft" }); // false
 */
export function matchesState(parent: StateValue, child: StateValue): boolean {
  const parentValue = toStateValue(parent);
  const childValue = toStateValue(child);
  if (typeof childValue === "string") {
    return typeof parentValue === "string" && childValue === parentValue;
  }
  if (typeof parentValue === "string") return parentValue in childValue;
  return Object.keys(parentValue).every(
    (region) =>
      region in childValue && matchesState(parentValue[region] as StateValue, childValue[region] as StateValue),
  );
}

/** A dotted path as the nested state value it names; an object is returned as it is. */
function toStateValue(value: StateValue): StateValue {
  if (typeof value !== "string") return value;
  const path = toStatePath(value);
  let nested: StateValue = path[path.length - 1] as string;
  for (let i = path.length - 2; i >= 0; i--) nested = { [path[i] as string]: nested };
  return nested;
}

/** The segments of a dotted state path; `\` makes the next character literal. */
function toStatePath(id: string): string[] {
  const segments: string[] = [];
  let segment = "";
  for (let i = 0; i < id.length; i++) {
    const char = id[i];
    if (char === "\\") {
      // As XState does, even for a trailing backslash (which appends "undefined").
      segment += String(id[i + 1]);
      i++;
    } else if (char === ".") {
      segments.push(segment);
      segment = "";
    } else {
      segment += char;
    }
  }
  segments.push(segment);
  return segments;
}
