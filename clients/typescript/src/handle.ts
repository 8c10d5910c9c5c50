import type { ClientConfig } from "./config.js";
import { ActorConnection, type ConnectParams } from "./connection.js";
import { ClientErrorCode, clientError, isRecord } from "./errors.js";
import { ChainChecker, type ChainVerification, type HistoryEntry } from "./history.js";
import { request } from "./http.js";
import type { StateValue, WaitOptions } from "./machine.js";
import type { ActionArgs, ActionName, ActionResult, UntypedActions, UntypedEvents } from "./types.js";
import { actorUrl, connectUrl } from "./urls.js";

/** How HTTP action calls of a handle treat an actor that does not exist yet. */
export interface HandleOptions {
  /** `getOrCreate` (default) creates the actor on first use; `get` fails with `actor/not_found`. */
  readonly mode?: "get" | "getOrCreate";
  /** The input passed to `onCreate` when a call creates the actor. */
  readonly input?: unknown;
}

/** What `GET /v1/actors/{type}` answers. */
export interface ActorInfo {
  readonly id: string;
  readonly type: string;
  readonly key: readonly string[];
  /** ISO-8601 instant. */
  readonly createdAt: string;
}

/** A snapshot of a view, as `GET /v1/actors/{type}/view` answers. */
export interface ViewSnapshot<V> {
  readonly view: V;
  readonly checksum: string;
  /** Always 0 for a snapshot: sequence numbers count the frames of a WebSocket sync. */
  readonly seq: number;
}

/** A page of an actor's history, as `GET /v1/actors/{type}/history` answers. */
export interface HistoryPage {
  /** The actor's id, part of every entry's hash. */
  readonly actorId: string;
  /** The entries, in seq order. */
  readonly entries: readonly HistoryEntry[];
  /** The `from` of the next page, or null at the end. */
  readonly next: number | null;
}

/** The actor's retained history and the verdict on it, from {@link ActorHandle.fetchHistory}. */
export interface VerifiedHistory {
  readonly actorId: string;
  /** The entries that verified, oldest first (up to the first bad one). */
  readonly entries: readonly HistoryEntry[];
  readonly verification: ChainVerification;
}

/**
 * A reference to one actor (type and key). Calls go over HTTP, one request each; {@link connect}
 * opens a WebSocket for events, views and lower-latency calls. Creating a handle contacts nothing.
 * Obtain one with {@link TroupeClient.actor}, which also exposes the actions as methods.
 */
export class ActorHandle<A = UntypedActions, E = UntypedEvents, V = unknown> {
  /** A handle; internal, use {@link TroupeClient.actor}. */
  constructor(
    private readonly config: ClientConfig,
    /** The actor type. */
    readonly type: string,
    /** The actor key. */
    readonly key: readonly string[],
    private readonly options: HandleOptions = {},
  ) {}

  /**
   * Calls an action over HTTP and resolves with its output once the turn is durable.
   *
   * @throws ActorError (as a rejection) with the server's `group/code`, or `client/network_error`
   */
  async call<K extends ActionName<A>>(action: K, ...args: ActionArgs<A, K>): Promise<ActionResult<A, K>> {
    const { mode, input } = this.options;
    const route = `/actions/${encodeURIComponent(action)}`;
    const url = actorUrl(this.config.baseUrl, this.type, route, this.key, mode === undefined ? {} : { mode });
    const body = input === undefined ? { args } : { args, input };
    const answer = await request(this.config, "POST", url, body);
    if (!isRecord(answer) || !("output" in answer)) throw badAnswer("an action", answer);
    return answer["output"] as ActionResult<A, K>;
  }

  /** Creates the actor with `input`; fails with `actor/duplicate_key` if it exists. */
  async create(input?: unknown): Promise<{ readonly id: string; readonly key: readonly string[] }> {
    const url = actorUrl(this.config.baseUrl, this.type, "", this.key);
    const answer = await request(this.config, "POST", url, input === undefined ? {} : { input });
    if (!isRecord(answer) || typeof answer["id"] !== "string") throw badAnswer("create", answer);
    return answer as { id: string; key: string[] };
  }

  /** Describes the actor; fails with `actor/not_found` if it does not exist. */
  async info(): Promise<ActorInfo> {
    const answer = await request(this.config, "GET", actorUrl(this.config.baseUrl, this.type, "", this.key));
    if (!isRecord(answer) || typeof answer["id"] !== "string") throw badAnswer("info", answer);
    return answer as unknown as ActorInfo;
  }

  /** Destroys the actor: its state, schedules and history. */
  async destroy(): Promise<void> {
    await request(this.config, "DELETE", actorUrl(this.config.baseUrl, this.type, "", this.key));
  }

  /** The caller's current view, once, over HTTP (fails with `actor/not_found` if the actor does not exist). */
  async fetchView(): Promise<ViewSnapshot<V>> {
    const answer = await request(this.config, "GET", actorUrl(this.config.baseUrl, this.type, "/view", this.key));
    if (!isRecord(answer) || typeof answer["checksum"] !== "string") throw badAnswer("view", answer);
    return answer as unknown as ViewSnapshot<V>;
  }

  /**
   * Waits until the machine actor is in `state` (XState's `matchesState`: a dotted path such as
   * `"editing.draft"` or a partial state value), over HTTP, and resolves with the caller's view then,
   * at once if it already is.
   *
   * @throws ActorError (as a rejection) `machine/wait_timeout` (408) once `timeoutMs` (default and at
   *         most 30000) passed; `actor/not_found` if the actor does not exist
   */
  async waitForState(state: StateValue, options: WaitOptions = {}): Promise<ViewSnapshot<V>> {
    return this.waitFor({ waitForState: typeof state === "string" ? state : JSON.stringify(state) }, options);
  }

  /**
   * Waits until the machine actor has processed the next event of type `eventType`, over HTTP, and
   * resolves with the caller's view after it.
   *
   * @throws ActorError (as a rejection) `machine/wait_timeout` (408) once `timeoutMs` (default and at
   *         most 30000) passed; `actor/not_found` if the actor does not exist
   */
  async waitForEvent(eventType: string, options: WaitOptions = {}): Promise<ViewSnapshot<V>> {
    return this.waitFor({ waitForEvent: eventType }, options);
  }

  private async waitFor(condition: Readonly<Record<string, string>>, options: WaitOptions): Promise<ViewSnapshot<V>> {
    const query = options.timeoutMs === undefined ? condition : { ...condition, waitMs: String(options.timeoutMs) };
    const answer = await request(
      this.config,
      "GET",
      actorUrl(this.config.baseUrl, this.type, "/view", this.key, query),
    );
    if (!isRecord(answer) || typeof answer["checksum"] !== "string") throw badAnswer("a wait", answer);
    return answer as unknown as ViewSnapshot<V>;
  }

  /**
   * A page of the actor's turn history over HTTP: the retained entries from seq `from` (default 1),
   * at most `limit` (1 to 1000, default 100). Needs `#history`: clients are refused (`auth/forbidden`)
   * unless a rule grants it by name.
   */
  async historyPage(options: { readonly from?: number; readonly limit?: number } = {}): Promise<HistoryPage> {
    const query: Record<string, string> = {};
    if (options.from !== undefined) query["from"] = String(options.from);
    if (options.limit !== undefined) query["limit"] = String(options.limit);
    const answer = await request(
      this.config,
      "GET",
      actorUrl(this.config.baseUrl, this.type, "/history", this.key, query),
    );
    if (!isRecord(answer) || !Array.isArray(answer["entries"])) throw badAnswer("a history page", answer);
    return answer as unknown as HistoryPage;
  }

  /**
   * The actor's whole retained history, page by page, each page verified with WebCrypto as it arrives
   * (the chain's hashes, links and positions, as `History.verify()` on the server); fetching stops at
   * the first bad entry, which the verdict names.
   */
  async fetchHistory(): Promise<VerifiedHistory> {
    let page = await this.historyPage({ limit: 1000 });
    const checker = new ChainChecker(page.actorId);
    const entries: HistoryEntry[] = [];
    for (;;) {
      const valid = await checker.accept(page.entries);
      if (valid) entries.push(...page.entries);
      if (!valid || page.next === null) break;
      page = await this.historyPage({ from: page.next, limit: 1000 });
    }
    return { actorId: page.actorId, entries, verification: checker.verdict };
  }

  /**
   * Opens a WebSocket connection to the actor (creating it on first use); `params` reach its
   * `onBeforeConnect` and `onConnect`. The connection reconnects by itself until closed.
   */
  connect(params?: ConnectParams): ActorConnection<A, E, V> {
    return new ActorConnection<A, E, V>(
      this.config,
      connectUrl(this.config.baseUrl, this.type, this.key),
      this.type,
      this.key,
      params,
    );
  }
}

function badAnswer(what: string, answer: unknown) {
  return clientError(ClientErrorCode.BadResponse, `unexpected answer to ${what}`, {
    answer: JSON.stringify(answer)?.slice(0, 200),
  });
}
