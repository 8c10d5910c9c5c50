/**
 * A stand-in for a Troupe server, for component tests without one: a {@link TroupeClient} whose
 * connections talk to actors you describe (a starting view, what their actions answer) and that
 * records every action a component sends. Components run unchanged under
 * `<TroupeProvider client={mock.client}>`; the test then changes views, emits events or drops
 * connections and asserts on what was sent.
 *
 * @example
 * const mock = createMockTroupe();
 * mock.actor("todo-list", ["acme"], { view: { public: { todos: [] }, private: {}, value: "ready" } });
 * render(<TroupeProvider client={mock.client}><Todos /></TroupeProvider>);
 * // ...click "add"...
 * expect(mock.sent("todo-list", ["acme"])).toEqual([{ name: "send", args: [{ type: "ADD_TODO", text: "milk" }] }]);
 */
import { checksum } from "./canonical.js";
import { createClient, type TroupeClient } from "./client.js";
import type { WebSocketLike } from "./config.js";
import type { ClientFrame, ServerFrame } from "./frames.js";
import type { JsonValue } from "./json.js";
import { keyParts, type ActorKey } from "./urls.js";

/** How a mock actor behaves. */
export interface MockActorSpec {
  /** The view every caller sees at first (JSON); none (the default) means the actor refuses views. */
  readonly view?: unknown;
  /**
   * What each action answers, by name: the function's result is the action's output; a thrown
   * `{group, code, message}` becomes the action's error. Actions not listed answer `null`.
   */
  readonly actions?: Readonly<Record<string, (...args: never[]) => unknown>>;
  /** The actor id the welcome frame names (default `mock-<type>-<key>`). */
  readonly actorId?: string;
}

/** One action a component sent. */
export interface SentAction {
  readonly name: string;
  readonly args: readonly unknown[];
}

/** The mock server; see {@link createMockTroupe}. */
export interface MockTroupe {
  /** A client connected to the mock, for `<TroupeProvider client={…}>`. */
  readonly client: TroupeClient;
  /** Describes the actor of `type` and `key`; returns the mock for chaining. */
  actor(type: string, key: ActorKey, spec: MockActorSpec): MockTroupe;
  /** Every action sent to the actor so far, in order, over all its connections. */
  sent(type: string, key: ActorKey): readonly SentAction[];
  /** Replaces the actor's view and sends it to every open connection that syncs views. */
  setView(type: string, key: ActorKey, view: unknown): Promise<void>;
  /** Sends an event to every open connection subscribed to it. */
  emit(type: string, key: ActorKey, event: string, ...args: unknown[]): void;
  /** Drops every open connection to the actor, as a network failure would (the client reconnects). */
  drop(type: string, key: ActorKey): void;
}

/** Creates a mock server and a client bound to it (no network, no timers of its own). */
export function createMockTroupe(): MockTroupe {
  const actors = new Map<string, MockActorState>();
  const stateOf = (type: string, key: ActorKey | readonly string[]): MockActorState => {
    const id = actorKey(type, keyParts(key));
    let state = actors.get(id);
    if (state === undefined) {
      state = new MockActorState(type, keyParts(key), {});
      actors.set(id, state);
    }
    return state;
  };
  const factory = class extends MockSocket {
    constructor(url: string) {
      const target = new URL(url);
      const type = decodeURIComponent(target.pathname.split("/")[3] ?? "");
      super(stateOf(type, target.searchParams.getAll("key")));
    }
  };
  const mock: MockTroupe = {
    client: createClient({ url: "http://mock.invalid", WebSocket: factory, reconnectOnWake: false }),
    actor(type, key, spec) {
      const state = stateOf(type, key);
      state.spec = spec;
      state.view = spec.view;
      return mock;
    },
    sent: (type, key) => [...stateOf(type, key).sent],
    setView: (type, key, view) => stateOf(type, key).setView(view),
    emit: (type, key, event, ...args) => stateOf(type, key).emit(event, args),
    drop: (type, key) => stateOf(type, key).drop(),
  };
  return mock;
}

function actorKey(type: string, key: readonly string[]): string {
  return JSON.stringify([type, ...key]);
}

/** One mock actor: its spec, current view, open sockets and the actions it received. */
class MockActorState {
  view: unknown;
  readonly sent: SentAction[] = [];
  readonly sockets = new Set<MockSocket>();

  constructor(
    readonly type: string,
    readonly key: readonly string[],
    public spec: MockActorSpec,
  ) {
    this.view = spec.view;
  }

  get actorId(): string {
    return this.spec.actorId ?? `mock-${this.type}-${this.key.join("-")}`;
  }

  async setView(view: unknown): Promise<void> {
    this.view = view;
    const sum = await checksum(view);
    for (const socket of this.sockets) socket.pushView(view, sum);
  }

  emit(event: string, args: readonly unknown[]): void {
    for (const socket of this.sockets) {
      if (socket.subscriptions.has(event)) socket.deliver({ type: "event", name: event, args });
    }
  }

  drop(): void {
    for (const socket of [...this.sockets]) socket.serverClose(1006, "dropped by the mock");
  }

  answer(name: string, args: readonly unknown[]): { output: unknown } | { error: Record<string, unknown> } {
    this.sent.push({ name, args });
    const action = this.spec.actions?.[name] as ((...args: unknown[]) => unknown) | undefined;
    if (action === undefined) return { output: null };
    try {
      return { output: action(...args) ?? null };
    } catch (e) {
      const error = e as { group?: unknown; code?: unknown; message?: unknown };
      return {
        error: {
          group: typeof error.group === "string" ? error.group : "user",
          code: typeof error.code === "string" ? error.code : "error",
          message: typeof error.message === "string" ? error.message : String(e),
          metadata: {},
        },
      };
    }
  }
}

/** The server side of one connection: answers the client's frames as Troupe's protocol v1 does. */
class MockSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly subscriptions = new Set<string>();
  private viewSeq = 0;
  private syncing = false;

  constructor(private readonly actor: MockActorState) {
    queueMicrotask(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.actor.sockets.add(this);
      this.onopen?.({});
    });
  }

  send(data: string): void {
    const frame = JSON.parse(data) as ClientFrame;
    switch (frame.type) {
      case "auth":
        this.deliver({ type: "welcome", actorId: this.actor.actorId, connectionId: `mock-${Math.random()}` });
        break;
      case "action": {
        const answer = this.actor.answer(frame.name, frame.args);
        this.deliver(
          "output" in answer
            ? { type: "result", id: frame.id, output: answer.output }
            : ({ type: "error", id: frame.id, ...answer.error } as ServerFrame),
        );
        break;
      }
      case "subscribe":
        this.subscriptions.add(frame.event);
        break;
      case "unsubscribe":
        this.subscriptions.delete(frame.event);
        break;
      case "view":
        void this.startView(frame.id);
        break;
    }
  }

  close(): void {
    this.serverClose(1000, "");
  }

  deliver(frame: ServerFrame): void {
    queueMicrotask(() => {
      if (this.readyState === 1) this.onmessage?.({ data: JSON.stringify(frame) });
    });
  }

  pushView(view: unknown, sum: string): void {
    if (!this.syncing) return;
    this.viewSeq += 1;
    this.deliver({ type: "view", seq: this.viewSeq, checksum: sum, value: view as JsonValue });
  }

  serverClose(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.actor.sockets.delete(this);
    queueMicrotask(() => this.onclose?.({ code, reason }));
  }

  private async startView(id: number): Promise<void> {
    const view = this.actor.view;
    if (view === undefined) {
      this.deliver({
        type: "error",
        id,
        group: "auth",
        code: "forbidden",
        message: `the mock actor ${this.actor.type} has no view`,
        metadata: {},
      });
      return;
    }
    this.syncing = true;
    this.viewSeq = 0;
    this.pushView(view, await checksum(view));
  }
}
