/** An actor key: its parts in order. A single string is a one-part key; `[]` is the empty key. */
export type ActorKey = string | readonly string[];

/**
 * The parts of `key`.
 *
 * @throws TypeError if a part is not a string
 */
export function keyParts(key: ActorKey): readonly string[] {
  const parts = typeof key === "string" ? [key] : [...key];
  for (const part of parts) {
    if (typeof part !== "string") throw new TypeError(`key parts must be strings, got ${typeof part}`);
  }
  return parts;
}

/**
 * The URL of an actor route: `v1/actors/{type}{suffix}` under `base`, with one `key` query parameter
 * per key part, then the `extra` parameters.
 */
export function actorUrl(
  base: URL,
  type: string,
  suffix: string,
  key: readonly string[],
  extra: Readonly<Record<string, string>> = {},
): URL {
  const url = new URL(`v1/actors/${encodeURIComponent(type)}${suffix}`, base);
  for (const part of key) url.searchParams.append("key", part);
  for (const [name, value] of Object.entries(extra)) url.searchParams.append(name, value);
  return url;
}

/** The URL of a route of the actor with id `id`: `v1/ids/{id}{suffix}` under `base`, then the `extra` parameters. */
export function idUrl(base: URL, id: string, suffix: string, extra: Readonly<Record<string, string>> = {}): URL {
  const url = new URL(`v1/ids/${encodeURIComponent(id)}${suffix}`, base);
  for (const [name, value] of Object.entries(extra)) url.searchParams.append(name, value);
  return url;
}

/** `url` (an actor's `/connect` route) with `ws:` or `wss:`. */
export function webSocketUrl(url: URL): string {
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
