// get.js — fetch a page and print it, the way most WinHttpRequest scripts start.
//
//   winhttpjs run --httpbin examples/get.js
//   cscript //nologo get.js http://localhost:8080      (on Windows, against any httpbin)
//
// The base URL of an httpbin service is the first argument, else HTTPBIN_URL
// (which `winhttpjs run --httpbin` sets).
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Open("GET", base + "/get?tool=winhttpjs&lang=jscript", false);
req.Send();

WScript.Echo("Status:", req.Status, req.StatusText);
WScript.Echo("Content-Type:", req.GetResponseHeader("Content-Type"));

var body = JSON.parse(req.ResponseText);
WScript.Echo("tool =", body.args.tool[0]);
WScript.Echo("lang =", body.args.lang[0]);
WScript.Echo("User-Agent sent:", body.headers["User-Agent"][0]);
