// One GET of SIZE bytes consumed as it arrives through the
// OnResponseDataAvailable event (WScript.CreateObject with an event
// prefix); the script keeps only a byte count.
// Usage: winhttpjs run download-events.js BASE_URL SIZE
var got = 0;

function ev_OnResponseDataAvailable(data) {
    got += data.length;
}

function main(base, size) {
    var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "ev_");
    var t0 = Date.now();
    r.Open("GET", base + "/bytes/" + size, false);
    r.Send();
    var ms = Date.now() - t0;
    if (r.Status !== 200 || got !== size) {
        WScript.StdErr.WriteLine("status " + r.Status + ", " + got + " bytes in events, want " + size);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=1 bytes=" + got + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
