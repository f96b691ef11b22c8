// One GET of SIZE bytes through MSXML2.XMLHTTP, read as responseBody (the
// whole body in memory, as a Uint8Array).
// Usage: winhttpjs run download-xmlhttp.js BASE_URL SIZE
function main(base, size) {
    var x = new ActiveXObject("MSXML2.XMLHTTP");
    var t0 = Date.now();
    x.open("GET", base + "/bytes/" + size, false);
    x.send();
    var body = x.responseBody;
    var ms = Date.now() - t0;
    if (x.status !== 200 || body.length !== size) {
        WScript.StdErr.WriteLine("status " + x.status + ", " + body.length + " bytes, want " + size);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=1 bytes=" + body.length + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
