import type { ClientConfig } from "./config.js";
import { ActorError } from "./errors.js";
import { failure, request, send } from "./http.js";

/** Content as the server stored it. */
export interface StoredContent {
  /** The SHA-256 of the bytes: 64 lowercase hexadecimal digits, the content's address. */
  readonly hash: string;
  /** The number of bytes. */
  readonly size: number;
}

/** The bytes a {@link ContentStore} can upload. */
export type ContentBody = Uint8Array | ArrayBuffer | Blob;

const NOT_FOUND = "content/not_found";

/**
 * The server's content-addressed store (`/v1/content`, `/v1/labels`): immutable blobs addressed by
 * the SHA-256 of their bytes, and labels that point at them. From {@link TroupeClient.contents}.
 *
 * Clients may use it only where the server's content rule allows (`#content-read`, `#content-write`,
 * `#content-label`); otherwise calls reject with `auth/forbidden`.
 */
export class ContentStore {
  /** A content store of the client's server; internal, use `client.contents`. */
  constructor(private readonly config: ClientConfig) {}

  /**
   * Stores `bytes`. With Web Crypto at hand the hash is computed here and stated to the server, which
   * refuses bytes damaged on the way with `content/hash_mismatch`.
   *
   * @throws ActorError `content/too_large` past the server's limit; `auth/forbidden`
   */
  async put(bytes: ContentBody): Promise<StoredContent> {
    const body = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart]);
    const hash = await sha256(body);
    const url = new URL(hash === undefined ? "v1/content" : `v1/content/${hash}`, this.config.baseUrl);
    const response = await send(this.config, url, {
      method: hash === undefined ? "POST" : "PUT",
      headers: { accept: "application/json", "content-type": "application/octet-stream" },
      body,
    });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as StoredContent;
  }

  /** The bytes stored under `hash`; undefined if none are. */
  async get(hash: string): Promise<Uint8Array | undefined> {
    const response = await send(this.config, new URL(`v1/content/${encodeURIComponent(hash)}`, this.config.baseUrl), {
      method: "GET",
      headers: {},
    });
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
    const error = await failure(response);
    if (error.is(NOT_FOUND)) return undefined;
    throw error;
  }

  /** The hash the label points at; undefined if there is no such label. */
  async label(name: string): Promise<string | undefined> {
    try {
      const answer = (await request(this.config, "GET", this.labelUrl(name))) as { hash: string };
      return answer.hash;
    } catch (e) {
      if (e instanceof ActorError && e.is(NOT_FOUND)) return undefined;
      throw e;
    }
  }

  /**
   * Points the label at `hash`, creating or moving it atomically.
   *
   * @throws ActorError `content/not_found` if nothing is stored under `hash` (the label is unchanged)
   */
  async putLabel(name: string, hash: string): Promise<void> {
    await request(this.config, "PUT", this.labelUrl(name), { hash });
  }

  /** Removes the label, if there is one; its content stays until the server collects it. */
  async deleteLabel(name: string): Promise<void> {
    await request(this.config, "DELETE", this.labelUrl(name));
  }

  private labelUrl(name: string): URL {
    return new URL(`v1/labels/${encodeURIComponent(name)}`, this.config.baseUrl);
  }
}

/** The hex SHA-256 of `body`, or undefined where Web Crypto is not available (an insecure page). */
async function sha256(body: Blob): Promise<string | undefined> {
  if (globalThis.crypto?.subtle === undefined) return undefined;
  const digest = await globalThis.crypto.subtle.digest("SHA-256", await body.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
