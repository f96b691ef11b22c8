// K requests in flight from one script: K asynchronous WinHttpRequest
// objects (Open(..., true)) waited on in rotation with WaitForResponse;
// each finished object is re-opened and re-sent until COUNT requests are
// done.
// Usage: winhttpjs run inflight.js BASE_URL COUNT [K=16]
function main(base, n, k) {
    var url = base + "/hello";
    var objs = [], pending = [];
    var sent = 0, done = 0;
    var t0 = Date.now();
    for (var j = 0; j < k && sent < n; j++) {
        var o = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
        o.Open("GET", url, true);
        o.Send();
        objs.push(o);
        pending.push(true);
        sent++;
    }
    var i = 0;
    while (done < n) {
        if (pending[i]) {
            var r = objs[i];
            r.WaitForResponse();
            if (r.Status !== 200 || r.ResponseText.length !== 13) {
                WScript.StdErr.WriteLine("request " + done + ": status " + r.Status + ", " + r.ResponseText.length + " bytes");
                WScript.Quit(1);
            }
            done++;
            pending[i] = false;
            if (sent < n) {
                r.Open("GET", url, true);
                r.Send();
                pending[i] = true;
                sent++;
            }
        }
        i = (i + 1) % objs.length;
    }
    var ms = Date.now() - t0;
    WScript.Echo("BENCH requests=" + n + " bytes=" + 13 * n + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1), WScript.Arguments.length > 2 ? +WScript.Arguments(2) : 16);
