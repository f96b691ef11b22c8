// One GET of SIZE bytes streamed through the flat WinHTTP API
// (require("winhttp")): WinHttpOpen → WinHttpConnect → WinHttpOpenRequest
// → WinHttpSendRequest → WinHttpReceiveResponse → WinHttpReadData until it
// returns an empty Uint8Array. Nothing is kept but a byte count.
// Usage: winhttpjs run download-readdata.js BASE_URL SIZE
function main(base, size) {
    var w;
    try {
        w = require("winhttp");
    } catch (e) {
        WScript.Echo("BENCH unavailable=require(\"winhttp\") failed: " + e.message);
        return;
    }
    var hostPort = base.replace(/^http:\/\//, "").split(":");
    var t0 = Date.now();
    var hs = w.WinHttpOpen("winhttpjs-bench", 1 /* NO_PROXY */, null, null, 0);
    var hc = w.WinHttpConnect(hs, hostPort[0], +hostPort[1], 0);
    var hr = w.WinHttpOpenRequest(hc, "GET", "/bytes/" + size, null, null, null, 0);
    if (!w.WinHttpSendRequest(hr, null, null, 0, 0) || !w.WinHttpReceiveResponse(hr, null)) {
        WScript.StdErr.WriteLine("request failed");
        WScript.Quit(1);
    }
    var got = 0, d;
    while ((d = w.WinHttpReadData(hr, 64 << 10)) && d.length > 0) {
        got += d.length;
    }
    if (d === null) {
        WScript.StdErr.WriteLine("WinHttpReadData failed");
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
main(WScript.Arguments(0), +WScript.Arguments(1));
