import type { ClientConfig } from "./config.js";
import { describe } from "./config.js";
import { ActorError, ClientErrorCode, clientError } from "./errors.js";

/** An HTTP method of the protocol. */
export type HttpMethod = "GET" | "POST" | "DELETE";

/**
 * Sends one request of the HTTP protocol with the configured token and returns its parsed JSON
 * answer (undefined for an empty one, such as `204`).
 *
 * @throws ActorError the server's error for a non-2xx answer; `client/network_error` when no answer
 *         arrived; `client/bad_response` when the answer is not JSON
 */
export async function request(config: ClientConfig, method: HttpMethod, url: URL, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: "application/json" };
  const token = await config.token();
  if (token !== undefined) headers["authorization"] = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await config.fetch(url, init);
  } catch (cause) {
    throw clientError(
      ClientErrorCode.NetworkError,
      `${method} ${url.pathname} failed: ${describe(cause)}`,
      { method, url: url.toString() },
      cause,
    );
  }
  const text = await response.text();
  const parsed = parse(text, response.status);
  if (!response.ok) throw ActorError.fromWire(parsed, response.status);
  return parsed;
}

function parse(text: string, status: number): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw clientError(
      ClientErrorCode.BadResponse,
      `the server answered HTTP ${status} with a body that is not JSON`,
      { status, body: text.slice(0, 200) },
      cause,
    );
  }
}
