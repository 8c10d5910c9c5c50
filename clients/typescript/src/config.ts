import { backoffOptions, type BackoffOptions } from "./backoff.js";
import { ClientErrorCode, clientError } from "./errors.js";

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** Declares a callback parameter bivariantly, so both DOM and `ws` socket types fit. */
type Handler<E> = { bivarianceHack(event: E): void }["bivarianceHack"];

/** The part of the WebSocket API this client uses; browsers' `WebSocket` and the `ws` package both fit. */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket constructor, such as `globalThis.WebSocket` or `ws`'s `WebSocket`. */
export type WebSocketFactory = new (url: string) => WebSocketLike;

/** How to reach and authenticate to a Troupe server. */
export interface ClientOptions {
  /** The server's base URL, such as `http://127.0.0.1:7420` or `location.origin`. */
  readonly url: string | URL;
  /** A bearer token sent with every request and connection. */
  readonly token?: string;
  /**
   * Returns the bearer token; called before every HTTP request and every (re)connection, so it can
   * refresh an expired token. Takes precedence over `token`. Return null or undefined for anonymous.
   */
  readonly getToken?: () => MaybePromise<string | null | undefined>;
  /** The `fetch` to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
  /** The WebSocket constructor (default `globalThis.WebSocket`; on Node 20 pass `WebSocket` from `ws`). */
  readonly WebSocket?: WebSocketFactory;
  /** The reconnection backoff; see {@link BackoffOptions}. */
  readonly reconnect?: Partial<BackoffOptions>;
  /**
   * How many actions may wait for a connection that is not open (default 100); more fail at once
   * with `client/queue_full`.
   */
  readonly maxQueuedActions?: number;
  /** Whether view frames are verified against their checksum (default true; needs WebCrypto). */
  readonly verifyViews?: boolean;
  /**
   * Reconnect at once when the browser comes back online or the page becomes visible (default true
   * where `window` and `document` exist).
   */
  readonly reconnectOnWake?: boolean;
}

/** {@link ClientOptions} with every default filled in. Internal. */
export interface ClientConfig {
  readonly baseUrl: URL;
  readonly token: () => Promise<string | undefined>;
  /** Whether a rejected token may be replaced by calling `getToken` again. */
  readonly canRefreshToken: boolean;
  readonly fetch: typeof fetch;
  readonly webSocket: () => WebSocketFactory;
  readonly backoff: BackoffOptions;
  readonly maxQueuedActions: number;
  readonly verifyViews: boolean;
  readonly reconnectOnWake: boolean;
}

/**
 * Validates `options` and fills in the defaults.
 *
 * @throws TypeError for a URL that is not http(s) or a bad queue bound; RangeError for a bad backoff
 */
export function resolveConfig(options: ClientOptions): ClientConfig {
  const baseUrl = new URL(String(options.url));
  if (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:") {
    throw new TypeError(`the server URL must be http or https, got ${baseUrl.protocol}`);
  }
  if (!baseUrl.pathname.endsWith("/")) baseUrl.pathname += "/";
  baseUrl.search = "";
  baseUrl.hash = "";
  const maxQueuedActions = options.maxQueuedActions ?? 100;
  if (!Number.isInteger(maxQueuedActions) || maxQueuedActions < 0) {
    throw new TypeError("maxQueuedActions must be a non-negative integer");
  }
  const { getToken, token } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  return {
    baseUrl,
    token: async () => {
      if (getToken === undefined) return token;
      try {
        return (await getToken()) ?? undefined;
      } catch (cause) {
        throw clientError(ClientErrorCode.TokenFailed, `getToken failed: ${describe(cause)}`, {}, cause);
      }
    },
    canRefreshToken: getToken !== undefined,
    fetch: fetchImpl,
    webSocket: () => {
      const factory = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketFactory }).WebSocket;
      if (factory === undefined) {
        throw clientError(
          ClientErrorCode.NoWebSocket,
          "no WebSocket implementation: pass createClient({ WebSocket }) (on Node 20, from the 'ws' package)",
        );
      }
      return factory;
    },
    backoff: backoffOptions(options.reconnect),
    maxQueuedActions,
    verifyViews: options.verifyViews ?? true,
    reconnectOnWake: options.reconnectOnWake ?? true,
  };
}

/** A short description of a thrown value. */
export function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
