import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../support/server.mjs";

/**
 * The published package as a user gets it: `npm pack` of the built package, installed from the
 * tarball into a fresh app with its own package.json, which type-checks a file that uses the client
 * and the token helper through the package's exports (not this repository's paths).
 */
describe("npm pack", () => {
  let app: string;

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), "troupe-pack-"));
    execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: PACKAGE_ROOT });
    const tarball = (await readdir(work)).find((name) => name.endsWith(".tgz"));
    app = join(work, "app");
    execFileSync("mkdir", ["-p", join(app, "src")]);
    await writeFile(
      join(app, "package.json"),
      JSON.stringify({
        name: "fresh-app",
        private: true,
        type: "module",
        dependencies: { "@troupe/client": `file:../${tarball}` },
      }),
    );
    await writeFile(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          lib: ["ES2022", "DOM"],
          types: [],
        },
        include: ["src"],
      }),
    );
    await writeFile(
      join(app, "src", "main.ts"),
      [
        'import { createClient, type ActorError } from "@troupe/client";',
        'import { mintToken } from "@troupe/client/tokens";',
        "",
        "interface Counter { increment(by: number): number; count(): number }",
        "",
        'const token = await mintToken("a-secret-of-at-least-thirty-two-bytes", { subject: "alice", expiresIn: 900 });',
        'const client = createClient({ url: "http://127.0.0.1:7420", token });',
        'const counter = client.actor<Counter>("counter", ["demo", "visits"]);',
        "const next: number = await counter.increment(1);",
        "const failure: ActorError | undefined = undefined;",
        "console.log(next, failure);",
        "",
      ].join("\n"),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent"], { cwd: app });
  });

  it("installs from the tarball with dist and its types only", async () => {
    const installed = join(app, "node_modules", "@troupe", "client");
    expect(await readdir(installed)).toEqual(expect.arrayContaining(["dist", "package.json", "README.md"]));
    expect(await readdir(installed)).not.toContain("src");
  });

  it("type-checks a fresh app against the installed package", () => {
    const tsc = join(PACKAGE_ROOT, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", app], { encoding: "utf8" });

    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
