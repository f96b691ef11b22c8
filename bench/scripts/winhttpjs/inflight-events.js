// K requests in flight from one script, event-driven: each of K
// asynchronous objects is re-opened and re-sent from its own
// OnResponseFinished handler (WScript.ConnectObject with a prefix per
// object) until COUNT requests are done, while the script sleeps in
// WScript.Sleep, during which the events are delivered. Unlike
// inflight.js, which waits on the objects in turn, an object whose answer
// came goes out again at once.
// Usage: winhttpjs run inflight-events.js BASE_URL COUNT [K=16]
var global = this;

function main(base, n, k) {
    var url = base + "/hello";
    var sent = 0, done = 0, failed = null;

    function start(j) {
        var o = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
        global["o" + j + "_OnResponseFinished"] = function () {
            if (o.Status !== 200 || o.ResponseText.length !== 13) {
                failed = "request " + done + ": status " + o.Status + ", " + o.ResponseText.length + " bytes";
            }
            done++;
            if (sent < n) {
                o.Open("GET", url, true);
                o.Send();
                sent++;
            }
        };
        global["o" + j + "_OnError"] = function (number, description) {
            failed = "request " + done + ": " + description + " (" + number + ")";
        };
        WScript.ConnectObject(o, "o" + j + "_");
        o.Open("GET", url, true);
        o.Send();
        sent++;
    }

    var t0 = Date.now();
    for (var j = 0; j < k && sent < n; j++) start(j);
    while (done < n && failed === null) WScript.Sleep(1);
    var ms = Date.now() - t0;
    if (failed !== null) {
        WScript.StdErr.WriteLine(failed);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=" + n + " bytes=" + 13 * n + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1), WScript.Arguments.length > 2 ? +WScript.Arguments(2) : 16);
