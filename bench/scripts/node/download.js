// One GET of SIZE bytes, streamed: chunks are counted and dropped.
// Usage: node download.js BASE_URL SIZE
"use strict";
async function main(base, size) {
  const t0 = performance.now();
  const r = await fetch(`${base}/bytes/${size}`);
  let got = 0;
  const reader = r.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    got += value.length;
  }
  const ms = performance.now() - t0;
  if (r.status !== 200 || got !== size) {
    throw new Error(`status ${r.status}, ${got} bytes, want ${size}`);
  }
  console.log(`BENCH requests=1 bytes=${got} ms=${ms.toFixed(3)}`);
}
main(process.argv[2], Number(process.argv[3])).catch((e) => { console.error(e); process.exit(1); });
