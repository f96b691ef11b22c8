// Streams $HTTPBIN_URL/bytes/N through OnResponseDataAvailable, keeping
// the first array, then reads the body back.
var got = 0, first = null;
function r_OnResponseDataAvailable(data) {
    got += data.length;
    if (first === null) first = data;
}
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", process.env.HTTPBIN_URL + "/bytes/" + WScript.Arguments(0), false);
r.Send();
WScript.Echo("streamed " + got + ", first array " + (first.length > 0 ? "kept" : "taken back (length 0)"));
try {
    WScript.Echo("ResponseBody " + r.ResponseBody.length);
} catch (e) {
    WScript.Echo("ResponseBody: " + (e.number >>> 0).toString(16) + " " + e.description);
}
