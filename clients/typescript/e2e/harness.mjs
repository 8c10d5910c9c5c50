// What the browser tests share: named steps that record their outcome, Debian's Chromium
// (CHROMIUM_PATH, never a downloaded browser) launched as every e2e test launches it, and the end of a
// run: its results in test-output/<name>.json, "N passed, N failed", and the exit status.
import { chromium } from "playwright-core";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OUTPUT_DIR } from "../test/support/server.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const results = [];

/** Runs one step and records whether it passed; a failure is printed and does not stop the run. */
export async function test(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n    ${String(error?.stack ?? error).replaceAll("\n", "\n    ")}`);
  }
}

/** Debian's Chromium, headless. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (run-tests.sh installs Debian's chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** How long one page operation may take before its step fails. */
export const STEP_TIMEOUT_MS = 20_000;

/**
 * A page in a fresh browser context that collects its uncaught errors and console errors, each
 * prefixed with `label`, in `page.errors`, so that a step can fail the run on any of them.
 */
export async function newWatchedPage(browser, label, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(`${label}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") page.errors.push(`${label} console: ${message.text()}`);
  });
  return page;
}

/**
 * Runs `main` (a failure before the steps counts as a failed "setup"), then `cleanup`, writes
 * test-output/`name`.json and exits: 0 if every step passed.
 */
export async function runSteps(name, main, cleanup) {
  await mkdir(OUTPUT_DIR, { recursive: true });
  try {
    await main();
  } catch (error) {
    results.push({ name: "setup", ok: false });
    console.log(`  ✗ setup\n    ${String(error?.stack ?? error)}`);
  } finally {
    await cleanup();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  await writeFile(join(OUTPUT_DIR, `${name}.json`), JSON.stringify({ passed, failed, results }, null, 2));
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
