// app.js — the playground page: loads the winhttpjs runtime (WebAssembly),
// runs the editor's script with Run/Stop, shows its output and errors,
// offers the examples and a REPL, and shares scripts by link.
import { createEditor } from "./editor.js";
import { encodeScript, decodeScript } from "./share.js";
import { Runtime } from "./runtime.js";
import examples from "virtual:examples";

const $ = (id) => document.getElementById(id);
const output = $("output"), replLog = $("repl-log"), status = $("status");
const runBtn = $("run"), stopBtn = $("stop"), shareBtn = $("share");
const select = $("examples"), replInput = $("repl");
const baseArgs = [location.origin + "/httpbin"];
// maxOutput bounds the text an output pane keeps per run.
const maxOutput = 2 << 20;

let api = null;          // the Runtime once it is ready
let busy = false;        // a run or a REPL evaluation is in progress
let sink = output;       // where the runtime's output goes now
let scriptName = "script.js";
let loading = false;     // the editor is being filled by the page

const editor = createEditor($("editor"), {
  onRun: () => run(),
  onChange: () => { if (!loading) { scriptName = "script.js"; select.value = ""; } },
});

function setState(state, text) {
  document.body.dataset.state = state;
  status.textContent = text;
  runBtn.disabled = !api || busy;
  stopBtn.disabled = !busy;
  replInput.disabled = !api || busy;
}

// Output is queued and written once per frame, consecutive pieces of the
// same kind in one element, so a script that prints a lot does not flood
// the page; past maxOutput characters it is dropped.
let queue = [], scheduled = false;
const written = new WeakMap();

function print(pre, text, cls) {
  queue.push({ pre, text, cls: cls || "" });
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(flush);
  }
}

function flush() {
  scheduled = false;
  const q = queue;
  queue = [];
  for (let i = 0; i < q.length;) {
    const { pre, cls } = q[i];
    let text = "";
    for (; i < q.length && q[i].pre === pre && q[i].cls === cls; i++) text += q[i].text;
    const n = written.get(pre) || 0;
    if (n >= maxOutput && cls !== "note") continue;
    if (cls !== "note" && n + text.length > maxOutput) text = text.slice(0, maxOutput - n) + "\n… (output truncated)\n";
    written.set(pre, n + text.length);
    const span = document.createElement("span");
    if (cls) span.className = cls;
    span.textContent = text;
    pre.appendChild(span);
    pre.scrollTop = pre.scrollHeight;
  }
}

function clear(pre) {
  flush();
  pre.textContent = "";
  written.delete(pre);
}

function load(name, src) {
  loading = true;
  editor.text = src;
  loading = false;
  scriptName = name || "script.js";
  select.value = name && examples.some((e) => e.name === name) ? name : "";
}

// The examples menu, built from examples/ at build time.
{
  const none = document.createElement("option");
  none.value = "";
  none.textContent = "(your script)";
  select.appendChild(none);
  for (const e of examples) {
    const o = document.createElement("option");
    o.value = e.name;
    o.textContent = e.name;
    o.title = e.title;
    select.appendChild(o);
  }
  select.addEventListener("change", () => {
    const e = examples.find((x) => x.name === select.value);
    if (e) {
      load(e.name, e.source);
      history.replaceState(null, "", "#example=" + encodeURIComponent(e.name));
    }
  });
}

function describe(res) {
  if (res.restarted) return "Stopped (the script did not yield: the runtime was restarted).";
  if (res.stopped) return "Stopped.";
  if (res.error && !res.error.file) return res.error.message;
  return "Exit code " + res.code + ".";
}

async function run() {
  if (!api || busy) return;
  busy = true;
  clear(output);
  editor.highlight(0);
  sink = output;
  setState("running", "Running " + scriptName + "…");
  const t0 = performance.now();
  const res = await api.run(scriptName, editor.text, baseArgs);
  busy = false;
  if (res.error && !res.error.file) print(output, res.error.message + "\n", "stderr");
  if (res.error && res.error.line) editor.highlight(res.error.line);
  print(output, describe(res) + "\n", "note");
  flush();
  const ms = Math.round(performance.now() - t0);
  setState(res.error ? "failed" : "done", describe(res) + " (" + ms + " ms)");
}

async function evaluate(src) {
  if (!api || busy || !src.trim()) return;
  busy = true;
  sink = replLog;
  print(replLog, "> " + src + "\n", "echo");
  setState("running", "Evaluating…");
  const res = await api.eval(src, baseArgs);
  busy = false;
  if (res.error || res.stopped) print(replLog, describe(res) + "\n", "stderr");
  flush();
  sink = output;
  setState("ready", "Ready.");
}

runBtn.addEventListener("click", () => run());
stopBtn.addEventListener("click", () => api && api.stop());
$("repl-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const src = replInput.value;
  replInput.value = "";
  evaluate(src).then(() => replInput.focus());
});
shareBtn.addEventListener("click", async () => {
  const frag = await encodeScript(editor.text);
  history.replaceState(null, "", "#" + frag);
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = "Link copied.";
  } catch {
    status.textContent = "Link is in the address bar.";
  }
});

// The script to start with: a shared one, a named example, or the first.
async function initialScript() {
  const h = location.hash;
  try {
    const shared = await decodeScript(h);
    if (shared !== null) return load("script.js", shared);
  } catch (e) {
    print(output, "The link's script could not be read: " + e + "\n", "stderr");
  }
  const m = /^#example=(.+)$/.exec(h);
  const want = m ? decodeURIComponent(m[1]) : "get.js";
  const e = examples.find((x) => x.name === want) || examples[0];
  if (e) load(e.name, e.source);
}

// Loading: the runtime runs in a worker; ready when it can run a script.
async function boot() {
  await initialScript();
  const rt = new Runtime((stream, text) => print(sink, text, stream === "stderr" ? "stderr" : ""));
  await rt.start();
  api = rt;
  // Time since the navigation started (performance's time origin).
  const ms = Math.round(performance.now());
  globalThis.playgroundReadyMs = ms;
  setState("ready", "Ready in " + ms + " ms.");
}

boot().catch((e) => {
  setState("dead", "The runtime could not be loaded.");
  print(output, String(e) + "\n", "stderr");
});
