import { resolveConfig, type ClientConfig, type ClientOptions } from "./config.js";
import { ContentStore } from "./contents.js";
import { ActorHandle, ActorIdHandle, type ActorInfo, type HandleOptions } from "./handle.js";
import { listAll, listPage, type ActorPage, type ListOptions } from "./listing.js";
import { withActions } from "./proxy.js";
import type { Actions, UntypedActions, UntypedEvents } from "./types.js";
import { keyParts, type ActorKey } from "./urls.js";

/**
 * An actor handle whose actions are also methods: `handle.increment(1)` is `handle.call("increment", 1)`.
 * Actions whose names clash with the handle's own members (`call`, `connect`, `create`, `info`,
 * `destroy`, `fetchView`, `waitForState`, `waitForEvent`, `type`, `key`) or with `then`/`toJSON` are reached through `call`.
 */
export type TypedHandle<A = UntypedActions, E = UntypedEvents, V = unknown> = ActorHandle<A, E, V> & Actions<A>;

/**
 * A handle by id whose actions are also methods, as {@link TypedHandle}; its own members are `call`,
 * `connect`, `info`, `destroy`, `fetchView`, `waitForState`, `waitForEvent` and `id`.
 */
export type TypedIdHandle<A = UntypedActions, E = UntypedEvents, V = unknown> = ActorIdHandle<A, E, V> & Actions<A>;

/** A client of one Troupe server. Create one with {@link createClient}. */
export class TroupeClient {
  private readonly config: ClientConfig;

  /** A client; internal, use {@link createClient}. */
  constructor(options: ClientOptions) {
    this.config = resolveConfig(options);
  }

  /** The server's content-addressed store: blobs by SHA-256, and labels. */
  get contents(): ContentStore {
    return new ContentStore(this.config);
  }

  /** The server's base URL (always ending with `/`). */
  get url(): string {
    return this.config.baseUrl.toString();
  }

  /**
   * A handle to the actor of `type` and `key` (a string is a one-part key; omit it for the empty key).
   *
   * @typeParam A the actor's contract: an interface of its actions, for typed calls
   * @typeParam E its events: event name to argument tuple
   * @typeParam V its view
   * @example
   * interface Counter { increment(amount: number): number; count(): number }
   * const counter = client.actor<Counter>("counter", ["demo", "visits"]);
   * const n = await counter.increment(1); // number
   */
  actor<A = UntypedActions, E = UntypedEvents, V = unknown>(
    type: string,
    key: ActorKey = [],
    options?: HandleOptions,
  ): TypedHandle<A, E, V> {
    const handle = new ActorHandle<A, E, V>(this.config, type, keyParts(key), options);
    return withActions<ActorHandle<A, E, V>, A>(handle, (action, args) =>
      (handle.call as (action: string, ...args: unknown[]) => Promise<unknown>)(action, ...args),
    );
  }

  /**
   * A handle to the existing actor with `id` (from its info, its creation, a listing or a connection's
   * `actorId`), over the `/v1/ids/{id}` routes; it never creates an actor.
   *
   * @example
   * const room = client.byId<ChatRoom>(page.actors[0].id);
   * await room.send("ann", "hello");
   */
  byId<A = UntypedActions, E = UntypedEvents, V = unknown>(id: string): TypedIdHandle<A, E, V> {
    const handle = new ActorIdHandle<A, E, V>(this.config, id);
    return withActions<ActorIdHandle<A, E, V>, A>(handle, (action, args) =>
      (handle.call as (action: string, ...args: unknown[]) => Promise<unknown>)(action, ...args),
    );
  }

  /**
   * One page of the actors of `type` (by key prefix, compared part by part), in id order; pass its
   * `next` as `cursor` for the next page. Needs `#list`, which clients have only where a rule grants it
   * by name (else `auth/forbidden`).
   */
  list(type: string, options?: ListOptions): Promise<ActorPage> {
    return listPage(this.config, type, options);
  }

  /**
   * Every actor of `type` (by key prefix), in id order, fetching page after page as the iteration
   * goes: `for await (const actor of client.listAll("chat-room", { prefix: ["acme"] }))`. Every actor
   * that exists throughout is seen exactly once.
   */
  listAll(type: string, options?: Omit<ListOptions, "cursor">): AsyncGenerator<ActorInfo, void, undefined> {
    return listAll(this.config, type, options);
  }
}

/**
 * Creates a client of the Troupe server at `options.url`.
 *
 * @example
 * const client = createClient({ url: location.origin });
 * const client = createClient({ url: "https://actors.example.com", getToken: () => auth.currentToken() });
 */
export function createClient(options: ClientOptions): TroupeClient {
  return new TroupeClient(options);
}
