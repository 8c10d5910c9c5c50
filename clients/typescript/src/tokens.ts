/**
 * Mints the HS256 bearer tokens a Troupe server accepts when it is configured with a shared secret
 * (`ServerConfig.jwtSecret`), with the same claims as troupe-server's `TokenIssuer`: `sub`, `ctype`,
 * `iat`, and optionally `atype`, `akey`, `exp` and application claims. Uses WebCrypto
 * (`globalThis.crypto.subtle`): Node.js 20+, Deno, Bun and edge workers.
 *
 * For servers and tests only. **Never ship the secret to a browser**: whoever holds it can mint any
 * token, including service tokens that pass every access rule. A browser gets its token from your
 * backend, which mints it with this function (or `TokenIssuer`) after its own login check.
 *
 * @module
 */
import type { JsonValue } from "./json.js";
import { keyParts, type ActorKey } from "./urls.js";

/** The caller types a token may name (`system` is never accepted from the wire). */
export type TokenCallerType = "client" | "service";

/** What a token says about its caller. */
export interface TokenOptions {
  /** The caller id (`sub`); not empty. */
  readonly subject: string;
  /** `client` (an end user, untrusted; the default) or `service` (a trusted backend). */
  readonly callerType?: TokenCallerType;
  /** Restricts the token to actors of this type (`atype`). */
  readonly actorType?: string;
  /** Restricts the token to the one actor of `actorType` under this key (`akey`); needs `actorType`. */
  readonly actorKey?: ActorKey;
  /** The expiry (`exp`), in whole seconds since the epoch. No expiry unless this or `expiresIn` is set. */
  readonly expiresAt?: number;
  /** Expires the token this many seconds after `now`. */
  readonly expiresIn?: number;
  /** Application claims, visible to actors in `Caller.claims()`; the protocol's own names are refused. */
  readonly claims?: Readonly<Record<string, JsonValue>>;
  /** The issue time in milliseconds since the epoch (default: `Date.now()`); for tests. */
  readonly now?: number;
}

const MIN_SECRET_BYTES = 32;
const RESERVED_CLAIMS = new Set(["sub", "ctype", "atype", "akey", "exp", "iat"]);

/**
 * A signed token in compact JWS form, for an `Authorization: Bearer …` header, a WebSocket `auth`
 * frame or the SSE `token` parameter.
 *
 * @param secret the server's HS256 secret: at least 32 bytes (a string is taken as UTF-8)
 * @throws TypeError for a short secret, an empty subject, a reserved claim name, or a key without a type
 */
export async function mintToken(secret: string | Uint8Array, options: TokenOptions): Promise<string> {
  const key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(`an HS256 secret needs at least ${MIN_SECRET_BYTES} bytes`);
  }
  const header = base64Url(new TextEncoder().encode(JSON.stringify({ alg: "HS256" })));
  const payload = base64Url(new TextEncoder().encode(JSON.stringify(claimsOf(options))));
  const hmac = await crypto.subtle.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode(`${header}.${payload}`));
  return `${header}.${payload}.${base64Url(new Uint8Array(signature))}`;
}

function claimsOf(options: TokenOptions): Record<string, JsonValue> {
  if (!options.subject) throw new TypeError("a token needs a non-empty subject");
  if (options.actorKey !== undefined && options.actorType === undefined) {
    throw new TypeError("actorKey restricts a token to one actor of actorType: set actorType too");
  }
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(options.claims ?? {})) {
    if (RESERVED_CLAIMS.has(name)) throw new TypeError(`claim '${name}' is set through its own option`);
    claims[name] = value;
  }
  claims.sub = options.subject;
  claims.ctype = options.callerType ?? "client";
  claims.iat = issuedAt;
  const expiresAt = options.expiresAt ?? (options.expiresIn === undefined ? undefined : issuedAt + options.expiresIn);
  if (expiresAt !== undefined) claims.exp = Math.floor(expiresAt);
  if (options.actorType !== undefined) claims.atype = options.actorType;
  if (options.actorKey !== undefined) claims.akey = [...keyParts(options.actorKey)];
  return claims;
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
