// share.js — the script in the URL fragment: UTF-8, deflate-raw
// (CompressionStream), base64url, as "#code=...".

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s) {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

// encodeScript returns the fragment ("code=...") that carries src.
export async function encodeScript(src) {
  const packed = await pipe(new TextEncoder().encode(src), new CompressionStream("deflate-raw"));
  return "code=" + toBase64url(packed);
}

// decodeScript returns the script in a fragment made by encodeScript, or
// null when the fragment has none.
export async function decodeScript(hash) {
  const m = /^#?code=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  const raw = await pipe(fromBase64url(m[1]), new DecompressionStream("deflate-raw"));
  return new TextDecoder().decode(raw);
}
