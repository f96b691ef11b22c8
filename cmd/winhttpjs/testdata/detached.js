// Keeps an array lent to OnResponseDataAvailable under
// --discard-streamed-body (detached once its handler returned) and hands
// it to APIs that take any value: each answers as for a value of the
// wrong kind, none fails inside winhttpjs. With the argument "buffer" it
// hands the array to Buffer.from instead, whose export of it fails inside
// goja and ends the run.
var kept = null;
function r_OnResponseDataAvailable(data) { if (kept === null) kept = data; }
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", process.env.HTTPBIN_URL + "/bytes/64", false);
r.Send();
WScript.Echo("kept length " + kept.length);
if (WScript.Arguments.length > 0 && WScript.Arguments(0) === "buffer") {
    Buffer.from(kept);
    WScript.Echo("not reached");
}
function attempt(name, f) {
    try {
        WScript.Echo(name + ": " + f());
    } catch (e) {
        WScript.Echo(name + " threw: " + (e.number !== undefined ? (e.number >>> 0).toString(16) + " " : "") + (e.description || e.message));
    }
}
var w = require("winhttp");
var s = w.WinHttpOpen("a", 1, null, null, 0);
attempt("WinHttpSetTimeouts", function () { return w.WinHttpSetTimeouts(s, kept, 1, 1, 1) + " " + w.GetLastError(); });
attempt("WinHttpCloseHandle", function () { return w.WinHttpCloseHandle(kept) + " " + w.GetLastError(); });
attempt("WinHttpOpen", function () { return w.WinHttpOpen(kept, 1, null, null, 0) + " " + w.GetLastError(); });
var r2 = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r2.Open("POST", process.env.HTTPBIN_URL + "/post", false);
attempt("Send", function () { r2.Send(kept); return JSON.parse(r2.ResponseText).data; });
attempt("SetTimeouts", function () { r.SetTimeouts(kept, 1, 1, 1); return "set"; });
attempt("WScript.Echo", function () { WScript.Echo(kept); return "echoed"; });
attempt("clearTimeout", function () { clearTimeout(kept); return "cleared"; });
attempt("Enumerator", function () { return new Enumerator(kept).atEnd(); });
attempt("console.log", function () { console.log(kept); return "logged"; });
