// Builds the demo web app into demo/dist/: app.js (one ES module bundle), index.html, styles.css.
// The page uses relative URLs only, so any server can host the directory at any path.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const demo = dirname(fileURLToPath(import.meta.url));
const root = dirname(demo);
const out = join(demo, "dist");

const { homepage } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(demo, "src", "main.tsx")],
  outfile: join(out, "app.js"),
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  jsx: "automatic",
  minify: true,
  sourcemap: "linked",
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"', REPOSITORY: JSON.stringify(homepage) },
  alias: {
    "@troupe/client/react": join(root, "src", "react", "index.ts"),
    "@troupe/client": join(root, "src", "index.ts"),
  },
  logLevel: "warning",
});
await Promise.all(["index.html", "styles.css"].map((file) => copyFile(join(demo, file), join(out, file))));
console.log(`demo built into ${out}`);
