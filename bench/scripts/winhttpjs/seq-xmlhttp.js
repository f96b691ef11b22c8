// COUNT sequential keep-alive GETs of the 13-byte /hello through one
// MSXML2.XMLHTTP object (open(..., false), send(), status, responseText),
// as browser-era scripts make them.
// Usage: winhttpjs run seq-xmlhttp.js BASE_URL COUNT
function main(base, n) {
    var url = base + "/hello";
    var x = new ActiveXObject("MSXML2.XMLHTTP");
    var t0 = Date.now();
    for (var i = 0; i < n; i++) {
        x.open("GET", url, false);
        x.send();
        if (x.status !== 200 || x.responseText.length !== 13) {
            WScript.StdErr.WriteLine("request " + i + ": status " + x.status + ", " + x.responseText.length + " bytes");
            WScript.Quit(1);
        }
    }
    var ms = Date.now() - t0;
    WScript.Echo("BENCH requests=" + n + " bytes=" + 13 * n + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1));
