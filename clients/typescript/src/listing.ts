import type { ClientConfig } from "./config.js";
import { actorInfo, badAnswer, type ActorInfo } from "./handle.js";
import { request } from "./http.js";
import { isRecord } from "./errors.js";
import { keyParts, type ActorKey } from "./urls.js";

/** What to list: a key prefix, the page size and where to start. */
export interface ListOptions {
  /**
   * A key prefix, compared part by part: `["acme"]` lists `["acme"]` and `["acme","general"]`, not
   * `["acmes"]`. A string is a one-part prefix; omitted, every actor of the type is listed.
   */
  readonly prefix?: ActorKey;
  /** The most actors per page, 1 to 1000 (the server's default, 100, when omitted). */
  readonly limit?: number;
  /** The `next` of the page before, unchanged; omitted for the first page. */
  readonly cursor?: string;
}

/** One page of a listing, as `GET /v1/actors/{type}/list` answers it. */
export interface ActorPage {
  /** The actors of the page, in id order. */
  readonly actors: readonly ActorInfo[];
  /** The cursor of the next page, or null on the last page. */
  readonly next: string | null;
}

/** Reads one page of the actors of `type`. */
export async function listPage(config: ClientConfig, type: string, options: ListOptions = {}): Promise<ActorPage> {
  const url = new URL(`v1/actors/${encodeURIComponent(type)}/list`, config.baseUrl);
  for (const part of keyParts(options.prefix ?? [])) url.searchParams.append("prefix", part);
  if (options.limit !== undefined) url.searchParams.append("limit", String(options.limit));
  if (options.cursor !== undefined) url.searchParams.append("cursor", options.cursor);
  const answer = await request(config, "GET", url);
  if (!isRecord(answer) || !Array.isArray(answer["actors"])) throw badAnswer("a listing", answer);
  const next = answer["next"];
  if (next !== null && typeof next !== "string") throw badAnswer("a listing", answer);
  return { actors: answer["actors"].map((actor: unknown) => actorInfo(actor, "a listing")), next };
}

/** Every actor of `type` matching `options.prefix`, page after page; a page is fetched when needed. */
export async function* listAll(
  config: ClientConfig,
  type: string,
  options: Omit<ListOptions, "cursor"> = {},
): AsyncGenerator<ActorInfo, void, undefined> {
  let page = await listPage(config, type, options);
  for (;;) {
    yield* page.actors;
    if (page.next === null) return;
    page = await listPage(config, type, { ...options, cursor: page.next });
  }
}
