// The guestbook from TypeScript (a browser, or Node.js 20+), with @troupe/client.
import { createClient } from "@troupe/client";

interface Entry { number: number; name: string; message: string }
interface Guestbook { sign(name: string, message: string): Entry; entries(): Entry[] }

const client = createClient({ url: "http://127.0.0.1:8080" });
const entry = await client.actor<Guestbook>("guestbook", ["lobby"]).sign("Ada", "hello");
console.log(`entry ${entry.number}: ${entry.name} wrote "${entry.message}"`);
