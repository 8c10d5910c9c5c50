import { resolveConfig, type ClientConfig, type ClientOptions } from "./config.js";
import { ContentStore } from "./contents.js";
import { ActorHandle, type HandleOptions } from "./handle.js";
import { withActions } from "./proxy.js";
import type { Actions, UntypedActions, UntypedEvents } from "./types.js";
import { keyParts, type ActorKey } from "./urls.js";

/**
 * An actor handle whose actions are also methods: `handle.increment(1)` is `handle.call("increment", 1)`.
 * Actions whose names clash with the handle's own members (`call`, `connect`, `create`, `info`,
 * `destroy`, `fetchView`, `waitForState`, `waitForEvent`, `type`, `key`) or with `then`/`toJSON` are reached through `call`.
 */
export type TypedHandle<A = UntypedActions, E = UntypedEvents, V = unknown> = ActorHandle<A, E, V> & Actions<A>;

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
