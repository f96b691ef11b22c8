// One POST of SIZE bytes from a Uint8Array; the target answers the number
// of bytes it read.
// Usage: winhttpjs run upload.js BASE_URL SIZE
function main(base, size) {
    var body = new Uint8Array(size);
    for (var i = 0; i < size; i += 4096) {
        body[i] = i & 0xff;
    }
    var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    var t0 = Date.now();
    r.Open("POST", base + "/upload", false);
    r.SetRequestHeader("Content-Type", "application/octet-stream");
    r.Send(body);
    var ms = Date.now() - t0;
    if (r.Status !== 200 || r.ResponseText !== String(size)) {
        WScript.StdErr.WriteLine("status " + r.Status + ", target read " + r.ResponseText + " bytes, want " + size);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=1 bytes=" + size + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
