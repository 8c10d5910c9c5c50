/** The wire form of an error: HTTP error bodies and WebSocket `error` frames carry these fields. */
export interface ErrorBody {
  /** The error's group: `actor`, `request`, `auth`, `user`, or `client` for errors raised by this library. */
  readonly group: string;
  /** The stable code within the group, such as `not_found`. */
  readonly code: string;
  /** A human-readable explanation. */
  readonly message: string;
  /** Structured details; an empty object when there are none. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * The codes of errors raised by this library itself (group `client`), as opposed to errors the
 * server sent.
 */
export const ClientErrorCode = {
  /** The HTTP request failed before an answer arrived (network down, DNS, CORS, aborted). */
  NetworkError: "network_error",
  /** The server answered with something that is not the protocol's JSON. */
  BadResponse: "bad_response",
  /** The socket dropped after an action was sent and before its result arrived: it may or may not have run. */
  ConnectionLost: "connection_lost",
  /** Too many actions were waiting for the connection to (re)open; this one was refused. */
  QueueFull: "queue_full",
  /** The connection was closed, by `close()` or by a server refusal that is not retried. */
  Closed: "closed",
  /** The view could not be verified: its checksum does not match what this client computes. */
  ViewUnverifiable: "view_unverifiable",
  /** History entries from the server do not verify: a hash, link or position of the chain is wrong. */
  HistoryUnverifiable: "history_unverifiable",
  /** The token callback threw or rejected. */
  TokenFailed: "token_failed",
  /** No WebSocket implementation was found or given. */
  NoWebSocket: "no_websocket",
} as const;

/** One of {@link ClientErrorCode}'s values. */
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * An error from an actor, the server or this client, with the protocol's stable `group/code`.
 *
 * @example
 * try {
 *   await room.call("send", "", "hi");
 * } catch (e) {
 *   if (e instanceof ActorError && e.is("user/invalid_message")) showHint(e.message);
 * }
 */
export class ActorError extends Error implements ErrorBody {
  override readonly name = "ActorError";
  /** The error's group (`actor`, `request`, `auth`, `user`, `client`, …). */
  readonly group: string;
  /** The stable code within the group. */
  readonly code: string;
  /** Structured details from the server; an empty object when there are none. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The HTTP status when the error came from an HTTP answer; undefined otherwise. */
  readonly status: number | undefined;

  /** An error with the given fields; `status` is the HTTP status it came with, if any. */
  constructor(body: ErrorBody, status?: number, options?: { cause?: unknown }) {
    super(body.message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.group = body.group;
    this.code = body.code;
    this.metadata = body.metadata;
    this.status = status;
  }

  /** `group/code`, such as `actor/not_found`. */
  get qualifiedCode(): string {
    return `${this.group}/${this.code}`;
  }

  /** Whether this error has the given `group/code`. */
  is(qualifiedCode: string): boolean {
    return this.qualifiedCode === qualifiedCode;
  }

  /** The wire form of this error. */
  toJSON(): ErrorBody {
    return { group: this.group, code: this.code, message: this.message, metadata: this.metadata };
  }

  /**
   * The error that a server answer describes: an HTTP error body or a WebSocket error frame. A value
   * that does not have the protocol's shape becomes a `client/bad_response` error.
   */
  static fromWire(value: unknown, status?: number): ActorError {
    if (isErrorBody(value)) {
      const metadata = isRecord(value.metadata) ? value.metadata : {};
      return new ActorError({ group: value.group, code: value.code, message: value.message, metadata }, status);
    }
    const suffix = status === undefined ? "" : ` (HTTP ${status})`;
    return clientError(ClientErrorCode.BadResponse, `the server sent an error without the protocol's shape${suffix}`, {
      ...(status === undefined ? {} : { status }),
    });
  }
}

/** A `client/…` error raised by this library. */
export function clientError(
  code: ClientErrorCode,
  message: string,
  metadata: Record<string, unknown> = {},
  cause?: unknown,
): ActorError {
  return new ActorError({ group: "client", code, message, metadata }, undefined, { cause });
}

function isErrorBody(value: unknown): value is { group: string; code: string; message: string; metadata?: unknown } {
  return (
    isRecord(value) &&
    typeof value["group"] === "string" &&
    typeof value["code"] === "string" &&
    typeof value["message"] === "string"
  );
}

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
