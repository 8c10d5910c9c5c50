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

/** The WebSocket URL of an actor: its `/connect` route with `ws:` or `wss:`. */
export function connectUrl(base: URL, type: string, key: readonly string[]): string {
  const url = actorUrl(base, type, "/connect", key);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}
