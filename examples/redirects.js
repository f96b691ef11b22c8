// redirects.js — follow a redirect, then turn redirects off and look at the 302 itself.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var WinHttpRequestOption_URL = 1;
var WinHttpRequestOption_EnableRedirects = 6;

var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Open("GET", base + "/redirect-to?url=/get%3Ffrom%3Dredirect", false);
req.Send();
WScript.Echo("Followed: " + req.Status + " " + req.StatusText);
WScript.Echo("Final URL ends with: " + req.Option(WinHttpRequestOption_URL).substring(base.length));

req.Open("GET", base + "/redirect-to?url=/get%3Ffrom%3Dredirect", false);
req.Option(WinHttpRequestOption_EnableRedirects) = false;
req.Send();
WScript.Echo("Not followed: " + req.Status + " " + req.StatusText);
WScript.Echo("Location: " + req.GetResponseHeader("Location"));
