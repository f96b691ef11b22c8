// One POST of SIZE bytes from a Uint8Array.
// Usage: node upload.js BASE_URL SIZE
"use strict";
async function main(base, size) {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i += 4096) body[i] = i & 0xff;
  const t0 = performance.now();
  const r = await fetch(`${base}/upload`, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream" },
    body,
  });
  const text = await r.text();
  const ms = performance.now() - t0;
  if (r.status !== 200 || text !== String(size)) {
    throw new Error(`status ${r.status}, target read ${text} bytes, want ${size}`);
  }
  console.log(`BENCH requests=1 bytes=${size} ms=${ms.toFixed(3)}`);
}
main(process.argv[2], Number(process.argv[3])).catch((e) => { console.error(e); process.exit(1); });
