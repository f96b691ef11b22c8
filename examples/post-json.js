// post-json.js — POST a JSON document and read the server's echo of it.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var order = { id: 1042, items: ["widget", "gadget"], rush: true, note: "café" };

var http = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
http.Open("POST", base + "/post", false);
http.SetRequestHeader("Content-Type", "application/json");
http.Send(JSON.stringify(order));

WScript.Echo("Status: " + http.Status);
var echo = JSON.parse(http.ResponseText);
WScript.Echo("Content-Type seen by the server: " + echo.headers["Content-Type"][0]);
WScript.Echo("Content-Length seen by the server: " + echo.headers["Content-Length"][0]);
WScript.Echo("Order id: " + echo.json.id);
WScript.Echo("Items: " + echo.json.items.join(", "));
WScript.Echo("Note: " + echo.json.note);
