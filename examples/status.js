// status.js — HTTP error statuses are not exceptions: check Status yourself.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var codes = [200, 201, 204, 404, 418, 500, 503];
var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
for (var i = 0; i < codes.length; i++) {
    req.Open("GET", base + "/status/" + codes[i], false);
    req.Send();
    var kind = req.Status < 300 ? "ok" : (req.Status < 500 ? "client error" : "server error");
    WScript.Echo(req.Status + " - " + req.StatusText + " (" + kind + ")");
}
