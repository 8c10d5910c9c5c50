// Starts and stops a Troupe demo server for the integration and browser tests.
//
// The command comes from TROUPE_SERVER_CMD (default: the repository's launcher,
// `../../troupe demo --port {port} --data {data}`, run from clients/typescript). `{port}` and `{data}`
// are replaced by the port (0 = any free one, then the same one on restart) and a fresh data
// directory; when the command lacks them, `--port {port}` and `--data {data}` are appended. The
// server must print a line `Troupe demo serving at http://HOST:PORT/` on stdout once it accepts
// requests. Its output goes to test-output/server-*.log.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, where the command runs. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Where tests write logs and screenshots. */
export const OUTPUT_DIR = join(PACKAGE_ROOT, "test-output");
const DEFAULT_COMMAND = "../../troupe demo --port {port} --data {data}";
const READY = /Troupe demo serving at (https?:\/\/\S+)/;
const START_TIMEOUT_MS = Number(process.env.TROUPE_SERVER_TIMEOUT_MS ?? 300_000);
const running = new Set();
let started = 0;

process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

/**
 * Starts a server and resolves once it printed its URL.
 *
 * @param {{ port?: number, dataDir?: string, name?: string, args?: string[] }} [options] `args` are
 *   appended to the command, such as `["--call-timeout-ms", "1000"]`
 * @returns {Promise<TestServer>}
 */
export async function startServer(options = {}) {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "troupe-ts-test-")));
  const port = options.port ?? 0;
  const name = options.name ?? "server";
  await mkdir(OUTPUT_DIR, { recursive: true });
  const command = commandLine(port, dataDir, options.args ?? []);
  const logPath = join(OUTPUT_DIR, `${name}-${++started}.log`);
  const log = createWriteStream(logPath);
  log.write(`$ ${command}\n`);
  const child = spawn("bash", ["-c", command], {
    cwd: PACKAGE_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  child.stderr.pipe(log, { end: false });
  const url = await new Promise((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(new Error(`the server did not print its URL within ${START_TIMEOUT_MS} ms; see ${logPath}`));
    }, START_TIMEOUT_MS);
    child.stdout.on("data", (chunk) => {
      log.write(chunk);
      buffered += chunk.toString();
      const match = READY.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].endsWith("/") ? match[1] : `${match[1]}/`);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before printing its URL; see ${logPath}\n$ ${command}`));
    });
  });
  const actualPort = Number(new URL(url).port);
  return {
    url,
    port: actualPort,
    dataDir,
    logPath,
    async stop(signal = "SIGTERM") {
      if (!running.has(child)) return;
      killGroup(child, signal);
      const timeout = setTimeout(() => killGroup(child, "SIGKILL"), 20_000);
      await exited;
      clearTimeout(timeout);
      log.end();
    },
    async restart(signal = "SIGTERM") {
      await this.stop(signal);
      return startServer({ port: actualPort, dataDir, name, args: options.args });
    },
  };
}

/** @typedef {{ url: string, port: number, dataDir: string, logPath: string, stop(signal?: NodeJS.Signals): Promise<void>, restart(signal?: NodeJS.Signals): Promise<TestServer> }} TestServer */

function commandLine(port, dataDir, args) {
  let template = process.env.TROUPE_SERVER_CMD ?? DEFAULT_COMMAND;
  for (const arg of args) template += ` '${arg.replaceAll("'", "'\\''")}'`;
  if (!template.includes("{port}")) template += " --port {port}";
  if (!template.includes("{data}")) template += " --data {data}";
  return template.replaceAll("{port}", String(port)).replaceAll("{data}", `'${dataDir.replaceAll("'", "'\\''")}'`);
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
