// One GET of SIZE bytes read through ResponseBody (the whole body in
// memory, as a Uint8Array).
// Usage: winhttpjs run download-body.js BASE_URL SIZE
function main(base, size) {
    var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    var t0 = Date.now();
    r.Open("GET", base + "/bytes/" + size, false);
    r.Send();
    var body = r.ResponseBody;
    var ms = Date.now() - t0;
    if (r.Status !== 200 || body.length !== size) {
        WScript.StdErr.WriteLine("status " + r.Status + ", " + body.length + " bytes, want " + size);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=1 bytes=" + body.length + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
