import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Reads a shared wire fixture from the repository's `fixtures/wire/` folder, which the server's, the
 * Java client's and these tests read alike, so the three cannot drift.
 */
export function wireFixture<T>(name: string): T {
  return JSON.parse(readFileSync(wireFixturePath(name), "utf8")) as T;
}

/** The file system path of a file or folder under `fixtures/wire/`. */
export function wireFixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../../fixtures/wire/${name}`, import.meta.url));
}

/** One row of `close-codes.json`. */
export interface CloseCodeFixture {
  readonly name: string;
  readonly code: number;
  readonly from: "server" | "jetty" | "client" | "local";
  readonly status?: number;
  readonly reason: string;
  readonly final: boolean;
  readonly when: string;
}

/** The close codes of the protocol. */
export const closeCodes = (): CloseCodeFixture[] =>
  wireFixture<{ codes: CloseCodeFixture[] }>("close-codes.json").codes;

/** One row of `errors.json`: an `ErrorCode` of the catalogue. */
export interface ErrorFixture {
  readonly name: string;
  readonly group: string;
  readonly code: string;
  readonly status: number;
}

/** The error catalogue. */
export const errorCatalogue = (): ErrorFixture[] => wireFixture<{ errors: ErrorFixture[] }>("errors.json").errors;
