/**
 * The canonical JSON text of a value, as the server computes view checksums over it: RFC 8785 (JCS),
 * that is compact (no whitespace), object members sorted by name at every depth (by UTF-16 code
 * units, as Java's `String.compareTo`), strings escaped as `JSON.stringify` escapes them (`\"`, `\\`,
 * `\b \t \n \f \r`, other control characters as `\u00xx` in lower case, nothing else), numbers as
 * ECMAScript prints them.
 *
 * @throws TypeError for values JSON cannot represent (non-finite numbers, undefined, functions, symbols, bigints)
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
      return JSON.stringify(value);
    case "string":
      return quote(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
      const object = value as Record<string, unknown>;
      const members = Object.keys(object)
        .sort()
        .map((key) => `${quote(key)}:${canonicalJson(object[key])}`);
      return `{${members.join(",")}}`;
    }
  }
  throw new TypeError(`a ${typeof value} has no JSON form`);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
};

// Characters to escape: the quote, the backslash and the C0 control characters.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/g;

function quote(text: string): string {
  const escaped = text.replace(
    NEEDS_ESCAPE,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${escaped}"`;
}

/** Whether this runtime offers WebCrypto SHA-256 (browsers only in secure contexts: https or localhost). */
export function canChecksum(): boolean {
  return typeof globalThis.crypto?.subtle?.digest === "function";
}

/**
 * The view checksum: the lower-case hex SHA-256 of the value's canonical JSON in UTF-8.
 *
 * @throws Error if WebCrypto is unavailable (see {@link canChecksum})
 */
export async function checksum(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

/**
 * The lower-case hex SHA-256 of `text` in UTF-8, with WebCrypto.
 *
 * @throws Error if WebCrypto is unavailable (see {@link canChecksum})
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
