// GET $HTTPBIN_URL/get through WinHttpRequest, as a WSH script would.
var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Option(4) = 13056;
req.Open("GET", process.env.HTTPBIN_URL + "/get?x=1", false);
req.SetRequestHeader("X-Test", "yes");
req.Send();
WScript.Echo(req.Status, req.StatusText);
var body = JSON.parse(req.ResponseText);
WScript.Echo(body.args.x, body.headers["X-Test"]);
