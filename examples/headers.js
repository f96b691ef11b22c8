// headers.js — send custom request headers and print what the server received.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Open("GET", base + "/headers", false);
req.SetRequestHeader("X-Request-Id", "abc-123");
req.SetRequestHeader("X-Api-Key", "first");
req.SetRequestHeader("X-Api-Key", "second");    // replaces the first value
req.SetRequestHeader("Accept", "application/json");
req.SetRequestHeader("User-Agent", "inventory-sync/2.1");
req.Send();

var seen = JSON.parse(req.ResponseText).headers;
var names = ["Accept", "User-Agent", "X-Api-Key", "X-Request-Id"];
for (var i = 0; i < names.length; i++) {
    WScript.Echo(names[i] + ": " + seen[names[i]].join(" | "));
}
WScript.Echo("Accept-Encoding sent: " + (seen["Accept-Encoding"] ? "yes" : "no"));
