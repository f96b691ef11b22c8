// timeout.js — a request that takes longer than the receive timeout fails
// with ERROR_WINHTTP_TIMEOUT, which the script catches and reports.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
// resolve, connect, send, receive — in milliseconds.
req.SetTimeouts(5000, 5000, 5000, 500);
req.Open("GET", base + "/delay/3", false);
try {
    req.Send();
    WScript.Echo("Unexpected success: " + req.Status);
} catch (e) {
    WScript.Echo("Request failed.");
    WScript.Echo("Error number: " + e.number);
    WScript.Echo("WinHTTP code: " + (e.number & 0xFFFF));
    WScript.Echo("HRESULT: 0x" + (e.number >>> 0).toString(16).toUpperCase());
    WScript.Echo("Description: " + e.description);
}
