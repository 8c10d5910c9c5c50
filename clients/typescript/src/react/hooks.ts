import { useEffect, useMemo, useReducer, useRef, useSyncExternalStore } from "react";
import type { ActorConnection, ConnectionStatus, ConnectParams } from "../connection.js";
import type { ActorError } from "../errors.js";
import { matchesState, type MachineView, type StateValue } from "../machine.js";
import type { Actions, EventArgs, EventName, UntypedActions, UntypedEvents } from "../types.js";
import type { ActorKey } from "../urls.js";
import { poolOf, useTroupeClient } from "./context.js";

/** What {@link useActor} returns: the shared connection and its status, re-rendering on changes. */
export interface ActorBinding<A = UntypedActions, E = UntypedEvents, V = unknown> {
  /** The connection, shared with every component using the same actor and params. */
  readonly connection: ActorConnection<A, E, V>;
  /** The connection's status; the component re-renders when it changes. */
  readonly status: ConnectionStatus;
  /** Why it is not open, if known. */
  readonly error: ActorError | undefined;
  /** The actions as methods, over the socket: `counter.actions.increment(1)`. */
  readonly actions: Actions<A>;
}

/** Options of {@link useActor}. */
export interface UseActorOptions {
  /** Connection params for the actor's `onBeforeConnect`; different params mean a different connection. */
  readonly params?: ConnectParams;
}

/**
 * Connects to the actor of `type` and `key`, sharing one connection among all components that use
 * the same actor and params, and closing it shortly after the last of them unmounts.
 *
 * @example
 * const counter = useActor<Counter, CounterEvents, CounterView>("counter", ["demo", "visits"]);
 * <button disabled={counter.status === "closed"} onClick={() => counter.actions.increment(1)}>+1</button>
 */
export function useActor<A = UntypedActions, E = UntypedEvents, V = unknown>(
  type: string,
  key: ActorKey = [],
  options: UseActorOptions = {},
): ActorBinding<A, E, V> {
  const pool = poolOf(useTroupeClient());
  const [, retry] = useReducer((n: number) => n + 1, 0);
  const entry = pool.get(type, key, options.params);
  useEffect(() => {
    const release = pool.retain(entry);
    if (release === undefined) retry();
    return release;
  }, [pool, entry]);
  const connection = entry.connection as ActorConnection<A, E, V>;
  const status = useSyncExternalStore(
    (onChange) => connection.onStatusChange(onChange),
    () => connection.status,
    () => connection.status,
  );
  const error = connection.error;
  return useMemo(() => ({ connection, status, error, actions: connection.actions }), [connection, status, error]);
}

/**
 * The actor's view, or the part of it that `selector` picks; the component re-renders only when
 * the selected value changes (by `isEqual`, default `Object.is`). Undefined until the first view
 * arrives. Starts the connection's view sync.
 *
 * @example
 * const count = useView(counter, (view) => view.count);
 */
export function useView<A, E, V, S = V>(
  actor: ActorBinding<A, E, V>,
  selector: (view: V) => S = (view) => view as unknown as S,
  isEqual: (a: S, b: S) => boolean = Object.is,
): S | undefined {
  const view = actor.connection.view();
  const memo = useRef<{ value: V | undefined; selector: (view: V) => S; selected: S | undefined }>(undefined);
  const snapshot = (): S | undefined => {
    const value = view.value;
    const last = memo.current;
    if (last !== undefined && last.value === value && last.selector === selector) return last.selected;
    let selected = value === undefined ? undefined : selector(value);
    if (last?.selected !== undefined && selected !== undefined && isEqual(last.selected, selected)) {
      selected = last.selected;
    }
    memo.current = { value, selector, selected };
    return selected;
  };
  return useSyncExternalStore((onChange) => view.subscribe(onChange), snapshot, snapshot);
}

/**
 * Calls `handler` with every occurrence of the actor's `event` while the component is mounted. The
 * latest `handler` is used without resubscribing.
 *
 * @example
 * useEvent(room, "message", (message) => setUnread((n) => n + 1));
 */
export function useEvent<A, E, V, K extends EventName<E>>(
  actor: ActorBinding<A, E, V>,
  event: K,
  handler: (...args: EventArgs<E, K>) => void,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const { connection } = actor;
  useEffect(() => connection.on(event, (...args) => latest.current(...args)), [connection, event]);
}

/**
 * Whether the machine actor's state value is in `state` (XState's `matchesState`: a dotted path such
 * as `"editing.draft"` or a partial state value); false until the first view arrives. Re-renders
 * only when the answer changes.
 *
 * @example
 * const editing = useMatches(todos, "editing");
 */
export function useMatches<A, E, V extends MachineView>(actor: ActorBinding<A, E, V>, state: StateValue): boolean {
  const key = JSON.stringify(state);
  const selector = useMemo(() => (view: V) => matchesState(JSON.parse(key) as StateValue, view.value), [key]);
  return useView(actor, selector) ?? false;
}
