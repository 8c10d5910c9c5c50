import type { ClientConfig } from "./config.js";
import { describe } from "./config.js";
import { ActorError, ClientErrorCode, clientError } from "./errors.js";

/** An HTTP method of the protocol. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * Sends one request of the HTTP protocol with the configured token and returns its parsed JSON
 * answer (undefined for an empty one, such as `204`).
 *
 * @throws ActorError the server's error for a non-2xx answer; `client/network_error` when no answer
 *         arrived; `client/bad_response` when the answer is not JSON
 */
export async function request(config: ClientConfig, method: HttpMethod, url: URL, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: "application/json" };
  const init: RequestInit & { headers: Record<string, string> } = { method, headers };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await send(config, url, init);
  const parsed = parse(await response.text(), response.status);
  if (!response.ok) throw ActorError.fromWire(parsed, response.status);
  return parsed;
}

/**
 * Sends one request with the configured token added to `init`'s headers and returns the answer as
 * it is, whatever its status: for bodies that are not JSON (content bytes). {@link failure} turns a
 * non-2xx answer into its error.
 *
 * @throws ActorError `client/network_error` when no answer arrived
 */
export async function send(
  config: ClientConfig,
  url: URL,
  init: RequestInit & { headers: Record<string, string> },
): Promise<Response> {
  const token = await config.token();
  if (token !== undefined) init.headers["authorization"] = `Bearer ${token}`;
  try {
    return await config.fetch(url, init);
  } catch (cause) {
    const method = init.method ?? "GET";
    throw clientError(
      ClientErrorCode.NetworkError,
      `${method} ${url.pathname} failed: ${describe(cause)}`,
      { method, url: url.toString() },
      cause,
    );
  }
}

/** The error of a non-2xx answer, from its JSON error body. */
export async function failure(response: Response): Promise<ActorError> {
  return ActorError.fromWire(parse(await response.text(), response.status), response.status);
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
