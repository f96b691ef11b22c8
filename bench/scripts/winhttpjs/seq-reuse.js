// Sequential keep-alive GETs of /hello through ONE WinHttpRequest object,
// re-opened for every request.
// Usage: winhttpjs run seq-reuse.js BASE_URL COUNT
function main(base, n) {
    var url = base + "/hello";
    var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    var t0 = Date.now();
    for (var i = 0; i < n; i++) {
        r.Open("GET", url, false);
        r.Send();
        if (r.Status !== 200 || r.ResponseText.length !== 13) {
            WScript.StdErr.WriteLine("request " + i + ": status " + r.Status + ", " + r.ResponseText.length + " bytes");
            WScript.Quit(1);
        }
    }
    var ms = Date.now() - t0;
    WScript.Echo("BENCH requests=" + n + " bytes=" + 13 * n + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
