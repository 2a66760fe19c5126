// Shared set-up for the demo page's browser tests: Debian's chromium driven by
// playwright-core, the demo server and emulator on port 0 (scripts/serve-demo.mjs),
// page helpers, and axe-core injected through Playwright.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/serve-demo.mjs";
import { emulatorControl } from "../emulator/testkit.mjs";
import { pkgDir, repoRoot } from "../support/pkg.mjs";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const outDir = join(repoRoot, "test-output");
export { pkgDir };

/**
 * Starts the demo and a browser.
 * @returns {Promise<{ demo: object, browser: import("playwright-core").Browser, control: ReturnType<typeof emulatorControl>, close: () => Promise<void> }>}
 */
export async function launch() {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run \`bash scripts/setup.sh --browser\``);
  assert.ok(existsSync(join(pkgDir, "index.js")), `no built package in ${pkgDir}: run \`node scripts/build.mjs --out ${pkgDir}\` (or set GHSEAL_PKG)`);
  const demo = await startDemo({ port: 0, emulatorPort: 0, pkgDir });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (err) {
    await demo.close();
    throw err;
  }
  return {
    demo,
    browser,
    control: emulatorControl(demo),
    async close() {
      await browser.close();
      await demo.close();
    },
  };
}

/**
 * Opens the demo page in a fresh context; collects page errors and dialogs.
 * `dialogs.answer` ("accept" | "dismiss") decides the next confirm() answers.
 */
export async function openPage(browser, demo, { width = 1100, height = 900, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  const dialogs = [];
  dialogs.answer = "accept";
  page.on("pageerror", (err) => pageErrors.push(String(err?.stack ?? err)));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    return dialogs.answer === "accept" ? dialog.accept() : dialog.dismiss();
  });
  await page.goto(demo.url);
  await page.waitForSelector("body[data-ready=true]");
  return { page, context, pageErrors, dialogs };
}

/** Waits until no action runs (buttons enabled, body not busy). */
export const idle = (page) => page.waitForFunction(() => !document.getElementById("upload").disabled && !document.body.hasAttribute("aria-busy"));

/** Selects app and scope and fills fields ({ id: value }). */
export async function chooseScope(page, app, scope, fields = {}) {
  await page.selectOption("#app", app);
  await page.selectOption("#scope", scope);
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
}

/** Types name + value, presses "Seal and upload", waits for the outcome. */
export async function upload(page, name, value) {
  await page.fill("#name", name);
  await page.fill("#value", value);
  await page.click("#upload");
  await idle(page);
}

/** Clicks "List secrets" and waits for the list. */
export async function listSecrets(page) {
  await page.click("#list");
  await idle(page);
  await page.waitForFunction(() => document.getElementById("list-status").textContent !== "Loading…");
}

export const text = (page, selector) => page.locator(selector).textContent();

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core on the page (injected with page.evaluate, which the page's CSP does
 * not govern) and returns the serious and critical violations as readable strings.
 */
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join(" | ")}`);
}
