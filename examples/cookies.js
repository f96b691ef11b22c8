// cookies.js — one WinHttpRequest object keeps its cookies across requests,
// as one WinHTTP session does; a new object starts with none.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var session = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
session.Open("GET", base + "/cookies/set?session=xyz789&theme=dark", false);
session.Send();   // answers with Set-Cookie and a redirect to /cookies

session.Open("GET", base + "/cookies", false);
session.Send();
var jar = JSON.parse(session.ResponseText);
WScript.Echo("Same object: session=" + jar.cookies.session + " theme=" + jar.cookies.theme);

var other = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
other.Open("GET", base + "/cookies", false);
other.Send();
WScript.Echo("New object: " + other.ResponseText.replace(/\s+/g, ""));
