// Print a hex dump of a binary response through VBArray, as scripts do to
// inspect ResponseBody.
var http = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
http.Open("GET", WScript.Arguments(0) + "/bytes/24?seed=3", false);
http.Send();
var a = new VBArray(http.ResponseBody);
WScript.Echo("bounds: " + a.lbound(1) + ".." + a.ubound(1) + ", dimensions " + a.dimensions());
var bytes = a.toArray();
for (var off = 0; off < bytes.length; off += 8) {
    var hex = [];
    for (var i = off; i < off + 8 && i < bytes.length; i++) {
        var h = bytes[i].toString(16);
        hex.push(h.length < 2 ? "0" + h : h);
    }
    var o = off.toString(16);
    WScript.Echo("0000".substring(o.length) + o + ": " + hex.join(" "));
}
WScript.Echo("first byte via getItem: " + a.getItem(0));
