// One GET of SIZE bytes streamed through the flat WinHTTP API
// (require("winhttp")): WinHttpOpen → WinHttpConnect → WinHttpOpenRequest
// → WinHttpSendRequest → WinHttpReceiveResponse → WinHttpReadData into one
// reused caller buffer until it returns 0 — as a C program calls it, with
// the buffer its own. Nothing is kept but a byte count.
// Usage: winhttpjs run download-readdata.js BASE_URL SIZE [BUFFER_BYTES]
// BUFFER_BYTES (default 128 KiB, about curl's 100 KB read buffer: small
// enough to stay in the processor's cache between reads) is for measuring
// other buffer sizes by hand.
function main(base, size, bufBytes) {
    var w;
    try {
        w = require("winhttp");
    } catch (e) {
        WScript.Echo("BENCH unavailable=require(\"winhttp\") failed: " + e.message);
        return;
    }
    var hostPort = base.replace(/^http:\/\//, "").split(":");
    var buf = new Uint8Array(bufBytes);
    var t0 = Date.now();
    var hs = w.WinHttpOpen("winhttpjs-bench", 1 /* NO_PROXY */, null, null, 0);
    var hc = w.WinHttpConnect(hs, hostPort[0], +hostPort[1], 0);
    var hr = w.WinHttpOpenRequest(hc, "GET", "/bytes/" + size, null, null, null, 0);
    if (!w.WinHttpSendRequest(hr, null, null, 0, 0) || !w.WinHttpReceiveResponse(hr, null)) {
        WScript.StdErr.WriteLine("request failed");
        WScript.Quit(1);
    }
    var got = 0, n = w.WinHttpReadData(hr, buf);
    if (n === null && w.GetLastError() === 87 /* ERROR_INVALID_PARAMETER */) {
        // A binary from before the caller-buffer form (-compare with an
        // older build) takes only WinHttpReadData(h, n).
        WScript.Echo("BENCH unavailable=this winhttpjs has no WinHttpReadData(h, buffer)");
        return;
    }
    while (n > 0) {
        got += n;
        n = w.WinHttpReadData(hr, buf);
    }
    if (n !== 0) {
        WScript.StdErr.WriteLine("WinHttpReadData failed: " + w.GetLastError());
        WScript.Quit(1);
    }
    w.WinHttpCloseHandle(hr);
    w.WinHttpCloseHandle(hc);
    w.WinHttpCloseHandle(hs);
    var ms = Date.now() - t0;
    if (got !== size) {
        WScript.StdErr.WriteLine(got + " bytes read, want " + size);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=1 bytes=" + got + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1),
    WScript.Arguments.length > 2 ? +WScript.Arguments(2) : 128 << 10);
