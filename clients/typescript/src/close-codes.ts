import { ActorError, ClientErrorCode, clientError } from "./errors.js";

/** The WebSocket close codes of the protocol (see the server's `docs/protocol.md`). */
export const CloseCode = {
  /** The client closed the connection. */
  Normal: 1000,
  /** The server is stopping; reconnect. */
  GoingAway: 1001,
  /** The connection dropped without a close frame (network failure, refused upgrade). */
  Abnormal: 1006,
  /** A frame was larger than the server accepts. */
  TooBig: 1009,
  /** A fault in server or actor code. */
  InternalError: 1011,
  /** `onBeforeConnect` refused the connection (HTTP 400). */
  Refused: 4000,
  /** The token is missing, invalid or expired (HTTP 401). */
  Unauthorized: 4001,
  /** The caller may not connect (HTTP 403). */
  Forbidden: 4003,
  /** The actor or its type does not exist, or the actor was destroyed (HTTP 404). */
  NotFound: 4004,
  /** The client read too slowly and the server dropped it. */
  SlowConsumer: 4008,
  /** The actor has too many connections (HTTP 429). */
  TooManyConnections: 4029,
} as const;

/**
 * Whether a connection closed with `code` should be retried. Server-side refusals (4000–4999) are
 * final, except a slow-consumer drop, too many connections, and an expired token when a `getToken`
 * callback can fetch a new one. Everything else (server restarts, network failures) is retried.
 */
export function shouldReconnect(code: number, canRefreshToken: boolean): boolean {
  if (code === CloseCode.Unauthorized) return canRefreshToken;
  if (code === CloseCode.SlowConsumer || code === CloseCode.TooManyConnections) return true;
  return code < 4000 || code > 4999;
}

const QUALIFIED_CODE = /^([a-z][a-z0-9_]*)\/([a-z][a-z0-9_]*)$/;

/**
 * The error a close stands for. The server sends an error frame before closing and puts its
 * `group/code` in the close reason: `announced` is that frame when its code matches the reason.
 */
export function closeError(code: number, reason: string, announced: ActorError | undefined): ActorError {
  if (announced !== undefined && announced.qualifiedCode === reason) return announced;
  const match = QUALIFIED_CODE.exec(reason);
  if (match !== null) {
    return new ActorError({
      group: match[1] as string,
      code: match[2] as string,
      message: `the server closed the connection (${code} ${reason})`,
      metadata: { closeCode: code },
    });
  }
  const detail = reason === "" ? `${code}` : `${code}: ${reason}`;
  return clientError(ClientErrorCode.ConnectionLost, `the connection closed (${detail})`, { closeCode: code });
}
