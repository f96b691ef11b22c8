// playground.mjs — drives the playground in headless Chromium (playwright-core)
// and prints what it saw as JSON on standard output; web/e2e/e2e_test.go
// starts `winhttpjs web`, runs this and checks the values.
//
//   node web/e2e/playground.mjs URL CASES.json SCREENSHOT.png
//
// CASES.json: [{"example": "get.js"} | {"source": "...", "stop"?: "1" | "now"} | {"repl": "expr"}, ...]
// stop "1" presses Stop once the script has printed, "now" in the same task as Run.
// in order; after the last, the Share button's link is opened in a new page.
// Output: {"readyMs": N, "examples": [names in the menu], "results": [{"state", "output", "errorLine",
// "errorLineText", "status"} | {"repl": text}, ...], "shared": {"hash",
// "text"}, "pageErrors": [...]}
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

// editorText is the editor's text, line by line (short scripts: every
// line is rendered).
function editorText(page) {
  return page.evaluate(() => [...document.querySelectorAll(".cm-content .cm-line")].map((l) => l.textContent).join("\n"));
}

const [url, casesFile, screenshot] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));
const profile = mkdtempSync(join(tmpdir(), "winhttpjs-chromium-"));

// Without the background-networking flags Chromium tries to reach the
// internet, and this network refuses it. The profile (--user-data-dir) is
// a fresh folder, removed at the end.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1280, height: 800 },
  timeout: 60000,
});
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 120000 });
  const readyMs = await page.evaluate(() => globalThis.playgroundReadyMs);
  const examples = await page.evaluate(() => [...document.querySelectorAll("#examples option")].map((o) => o.value).filter(Boolean));
  const results = [];
  for (const c of cases) {
    if (c.repl !== undefined) {
      await page.fill("#repl", c.repl);
      await page.press("#repl", "Enter");
      await page.waitForFunction(() => document.body.dataset.state === "ready" && !document.getElementById("repl").disabled, null, { timeout: 60000 });
      results.push({ repl: await page.textContent("#repl-log") });
      continue;
    }
    if (c.example) {
      await page.selectOption("#examples", c.example);
    } else {
      // Select all and type the script in as one input, as a paste.
      await page.click(".cm-content");
      await page.keyboard.press("Control+A");
      await page.keyboard.insertText(c.source);
      // The editor applies typed text from the DOM on its own schedule:
      // wait until it holds the script before running it.
      await page.waitForFunction((src) => [...document.querySelectorAll(".cm-content .cm-line")]
        .map((l) => l.textContent).join("\n") === src, c.source, { timeout: 10000 });
    }
    if (c.stop === "now") {
      // Run and Stop in one task: Stop comes before the run reaches the
      // runtime's worker.
      await page.evaluate(() => { document.getElementById("run").click(); document.getElementById("stop").click(); });
    } else {
      await page.click("#run");
    }
    if (c.stop === "1") {
      // Stop once the script has started: it has printed its first line.
      await page.waitForFunction(() => document.getElementById("output").textContent !== "", null, { timeout: 10000 });
      await page.click("#stop");
    }
    await page.waitForFunction(() => ["done", "failed"].includes(document.body.dataset.state), null, { timeout: 60000 });
    results.push(await page.evaluate(() => {
      const line = document.querySelector(".cm-error-line");
      return {
        state: document.body.dataset.state,
        output: document.getElementById("output").textContent,
        errorLine: Number(document.getElementById("editor").getAttribute("data-error-line") || 0),
        errorLineText: line ? line.textContent : null,
        editor: [...document.querySelectorAll(".cm-content .cm-line")].map((l) => l.textContent).join("\n"),
        status: document.getElementById("status").textContent,
      };
    }));
  }
  await page.screenshot({ path: screenshot, fullPage: true });

  // Share: the link carries the script; a new page opens with it.
  await page.click("#share");
  await page.waitForFunction(() => location.hash.startsWith("#code="), null, { timeout: 10000 });
  const link = page.url();
  const other = await browser.newPage();
  other.on("pageerror", (e) => pageErrors.push(String(e)));
  await other.goto(link);
  await other.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 120000 });
  const shared = {
    hash: new URL(link).hash,
    text: await editorText(other),
  };
  console.log(JSON.stringify({ readyMs, examples, results, shared, pageErrors }));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
