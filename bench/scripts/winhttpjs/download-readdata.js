// PLACEHOLDER — the flat WinHTTP API (require("winhttp")) is being
// written. Until require("winhttp") works this script prints
// "BENCH unavailable=..." and the driver reports the workload as "not
// available yet". The calls below follow the C API (WinHttpOpen →
// WinHttpConnect → WinHttpOpenRequest → WinHttpSendRequest →
// WinHttpReceiveResponse → WinHttpReadData until 0 bytes); adjust them to
// the module's final JavaScript signatures when it lands.
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
    if (!w.WinHttpSendRequest(hr, null, 0, null, 0, 0, 0) || !w.WinHttpReceiveResponse(hr, null)) {
        WScript.StdErr.WriteLine("request failed");
        WScript.Quit(1);
    }
    var buf = new Uint8Array(64 << 10), got = 0, n;
    while ((n = w.WinHttpReadData(hr, buf, buf.length)) > 0) {
        got += n;
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
