/**
 * DEMO ONLY: who this browser is. The demo server's `POST /demo-sign-in` hands anybody a short-lived
 * token for the id they ask for (signed with a public demo secret), so this is an identity for telling
 * browsers apart, not authentication. The id is kept in localStorage, so it survives reloads and
 * server restarts; the token is cached until shortly before it expires.
 */

const STORAGE_KEY = "troupe-demo-id";
const RENEW_BEFORE_MS = 60_000;

/** This browser's demo id, `guest-` and 12 hex digits. */
export const myId: string = storedId();

let cached: { readonly token: string; readonly renewAt: number } | undefined;

/** A token for {@link myId}, signing in again when the cached one is about to expire. */
export async function demoToken(): Promise<string> {
  if (cached !== undefined && Date.now() < cached.renewAt) return cached.token;
  const response = await fetch(new URL("demo-sign-in", document.baseURI), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: myId }),
  });
  if (!response.ok) throw new Error(`demo sign-in answered ${response.status}`);
  const answer = (await response.json()) as { token: string; expiresInSeconds: number };
  cached = { token: answer.token, renewAt: Date.now() + answer.expiresInSeconds * 1000 - RENEW_BEFORE_MS };
  return answer.token;
}

function storedId(): string {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored !== null && /^guest-[0-9a-f]{12}$/.test(stored)) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const id = `guest-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  localStorage.setItem(STORAGE_KEY, id);
  return id;
}
