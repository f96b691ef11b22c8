// Sequential keep-alive GETs of /hello with fetch (undici keeps the
// connection alive).
// Usage: node seq.js BASE_URL COUNT
"use strict";
async function main(base, n) {
  const url = base + "/hello";
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await fetch(url);
    const text = await r.text();
    if (r.status !== 200 || text.length !== 13) {
      throw new Error(`request ${i}: status ${r.status}, ${text.length} bytes`);
    }
  }
  const ms = performance.now() - t0;
  console.log(`BENCH requests=${n} bytes=${13 * n} ms=${ms.toFixed(3)}`);
}
main(process.argv[2], Number(process.argv[3])).catch((e) => { console.error(e); process.exit(1); });
