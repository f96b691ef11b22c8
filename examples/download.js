// download.js — download a binary file and report its size and a checksum.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
// /bytes/N?seed=S returns N pseudo-random bytes, the same for the same seed.
req.Open("GET", base + "/bytes/4096?seed=7", false);
req.Send();

if (req.Status != 200) {
    WScript.Echo("Download failed: " + req.Status + " " + req.StatusText);
    WScript.Quit(1);
}

var bytes = req.ResponseBody;
var sum = 0;
for (var i = 0; i < bytes.length; i++) {
    sum = (sum * 31 + bytes[i]) % 1000000007;
}
WScript.Echo("Content-Type: " + req.GetResponseHeader("Content-Type"));
WScript.Echo("Content-Length header: " + req.GetResponseHeader("Content-Length"));
WScript.Echo("Downloaded " + bytes.length + " bytes");
WScript.Echo("Checksum: " + sum);
