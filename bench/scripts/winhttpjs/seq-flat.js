// COUNT sequential keep-alive GETs of the 13-byte /hello through the flat
// WinHTTP API (require("winhttp")), as a C program makes them: one session
// and connection, then per request WinHttpOpenRequest →
// WinHttpSendRequest → WinHttpReceiveResponse → WinHttpReadData into one
// reused buffer until it returns 0 → WinHttpCloseHandle.
// Usage: winhttpjs run seq-flat.js BASE_URL COUNT
function main(base, n) {
    var w = require("winhttp");
    var hostPort = base.replace(/^http:\/\//, "").split(":");
    var buf = new Uint8Array(4096);
    var t0 = Date.now();
    var hs = w.WinHttpOpen("winhttpjs-bench", 1 /* NO_PROXY */, null, null, 0);
    var hc = w.WinHttpConnect(hs, hostPort[0], +hostPort[1], 0);
    for (var i = 0; i < n; i++) {
        var hr = w.WinHttpOpenRequest(hc, "GET", "/hello", null, null, null, 0);
        if (!w.WinHttpSendRequest(hr, null, null, 0, 0) || !w.WinHttpReceiveResponse(hr, null)) {
            WScript.StdErr.WriteLine("request " + i + " failed: " + w.GetLastError());
            WScript.Quit(1);
        }
        var got = 0, k;
        while ((k = w.WinHttpReadData(hr, buf)) > 0) got += k;
        if (k !== 0 || got !== 13) {
            WScript.StdErr.WriteLine("request " + i + ": " + got + " bytes, read result " + k + ", error " + w.GetLastError());
            WScript.Quit(1);
        }
        w.WinHttpCloseHandle(hr);
    }
    w.WinHttpCloseHandle(hc);
    w.WinHttpCloseHandle(hs);
    var ms = Date.now() - t0;
    WScript.Echo("BENCH requests=" + n + " bytes=" + 13 * n + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
