// worker.js — runs the winhttpjs runtime (WebAssembly) in a Web Worker, so
// the page stays responsive while a script runs, and a script that never
// yields (while (true) {}) can be ended by terminating the worker.
//
// Messages in:  {type: "init", module}, {type: "run", id, name, source, args},
//               {type: "eval", id, source, args}, {type: "stop"}
// Messages out: {type: "ready"}, {type: "stopping"}, {type: "output", stream, text},
//               {type: "result", id, res}, {type: "fatal", message}
importScripts("wasm_exec.js");

// ready resolves to the runtime's API once init has run; messages that
// arrive before wait for it.
let api = null;
const ready = new Promise((resolve) => { self.winhttpjsReady = resolve; });

async function init(module) {
  const go = new Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  go.run(instance).then(() => postMessage({ type: "fatal", message: "the runtime ended" }));
  api = await ready;
  api.onoutput = (stream, text) => postMessage({ type: "output", stream, text });
  postMessage({ type: "ready" });
}

self.onmessage = async (ev) => {
  const m = ev.data;
  try {
    switch (m.type) {
      case "init":
        await init(m.module);
        break;
      case "stop":
        // Answering shows the worker is responsive: the script will end.
        if (api) api.stop();
        postMessage({ type: "stopping" });
        break;
      case "run":
        postMessage({ type: "result", id: m.id, res: await (await ready).run(m.name, m.source, m.args) });
        break;
      case "eval":
        postMessage({ type: "result", id: m.id, res: await (await ready).eval(m.source, m.args) });
        break;
    }
  } catch (e) {
    postMessage({ type: "fatal", message: String(e) });
  }
};
