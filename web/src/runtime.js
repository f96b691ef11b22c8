// runtime.js — the page's side of the runtime worker (worker.js): compiles
// the WebAssembly once, starts workers from it, and restarts one that does
// not stop when asked (a script that never yields).

// stopGrace is how long Stop waits for the worker to answer before it
// is terminated: a worker busy in a script that never yields cannot.
const stopGrace = 2000;

export class Runtime {
  // onOutput(stream, text) receives the scripts' output.
  constructor(onOutput) {
    this.onOutput = onOutput;
    this.module = null;
    this.worker = null;
    this.pending = new Map(); // id → resolve
    // unsent holds the calls waiting for the worker to be ready (at the
    // start, or after a restart): Stop settles them without running.
    this.unsent = new Set();
    this.nextId = 1;
  }

  // start loads the runtime; it resolves when a script can be run. Calls
  // made meanwhile wait for it.
  start() {
    this.ready = this.boot();
    return this.ready;
  }

  async boot() {
    if (!this.module) {
      this.module = await WebAssembly.compileStreaming(fetch("winhttpjs.wasm"));
    }
    const worker = new Worker("worker.js");
    this.worker = worker;
    await new Promise((resolve, reject) => {
      worker.onmessage = (ev) => {
        const m = ev.data;
        if (m.type === "ready") resolve();
        else if (m.type === "stopping") { if (this.onStopping) this.onStopping(); }
        else if (m.type === "output") this.onOutput(m.stream, m.text);
        else if (m.type === "result") this.settle(m.id, m.res);
        else if (m.type === "fatal") { reject(new Error(m.message)); this.failAll(m.message); }
      };
      worker.onerror = (e) => { reject(new Error(e.message)); this.failAll(e.message); };
      worker.postMessage({ type: "init", module: this.module });
    });
  }

  // call posts msg once the worker is ready. The call is pending from the
  // start, so that a Stop pressed while the runtime is still loading finds
  // it (and settles it unrun).
  async call(msg) {
    const id = this.nextId++;
    const done = new Promise((resolve) => this.pending.set(id, resolve));
    this.unsent.add(id);
    try {
      await this.ready;
    } catch (e) {
      this.unsent.delete(id);
      this.settle(id, { code: 1, stopped: false, error: { message: "The runtime could not be started: " + e.message } });
      return done;
    }
    if (this.unsent.delete(id)) this.worker.postMessage({ ...msg, id });
    return done;
  }

  settle(id, res) {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    if (resolve) resolve(res);
  }

  failAll(message) {
    for (const id of [...this.pending.keys()]) {
      this.settle(id, { code: 1, stopped: false, error: { message: "The runtime failed: " + message } });
    }
  }

  // run runs source as the script name with args: {code, stopped, error}.
  run(name, source, args) { return this.call({ type: "run", name, source, args }); }

  // eval evaluates source in the last run's globals (a fresh runtime with
  // args before any run) and prints the value.
  eval(source, args) { return this.call({ type: "eval", source, args }); }

  // stop asks the script to end; a worker that does not answer within
  // stopGrace (a script that never yields) is terminated and a fresh one
  // started (the globals are lost).
  async stop() {
    for (const id of this.unsent) this.settle(id, { code: 1, stopped: true });
    this.unsent.clear();
    const asked = [...this.pending.keys()];
    if (asked.length === 0) return;
    const answered = await new Promise((resolve) => {
      const timer = setTimeout(() => { this.onStopping = null; resolve(false); }, stopGrace);
      this.onStopping = () => { clearTimeout(timer); this.onStopping = null; resolve(true); };
      this.worker.postMessage({ type: "stop" });
    });
    // A worker that answered ends the script itself; only the calls Stop
    // was meant for count, a later run is left alone.
    if (answered || !asked.some((id) => this.pending.has(id))) return;
    this.worker.terminate();
    const ids = [...this.pending.keys()];
    this.start().catch(() => {});
    for (const id of ids) {
      this.settle(id, { code: 1, stopped: true, restarted: true });
    }
  }
}
