// K fetches in flight (K async workers sharing one counter).
// Usage: node inflight.js BASE_URL COUNT [K=16]
"use strict";
async function main(base, n, k) {
  const url = base + "/hello";
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      const r = await fetch(url);
      const text = await r.text();
      if (r.status !== 200 || text.length !== 13) {
        throw new Error(`request ${i}: status ${r.status}, ${text.length} bytes`);
      }
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: k }, worker));
  const ms = performance.now() - t0;
  console.log(`BENCH requests=${n} bytes=${13 * n} ms=${ms.toFixed(3)}`);
}
main(process.argv[2], Number(process.argv[3]), Number(process.argv[4] || 16)).catch((e) => { console.error(e); process.exit(1); });
