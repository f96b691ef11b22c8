// basic-auth.js — the credentials loop of Microsoft's SetCredentials sample:
// send, and on a 401 re-open, set credentials and send again.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;

var HTTPREQUEST_SETCREDENTIALS_FOR_SERVER = 0;
var url = base + "/basic-auth/alice/s3cret";

var WinHttpReq = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
WinHttpReq.open("GET", url, false);
WinHttpReq.send();
WScript.Echo("Without credentials: " + WinHttpReq.Status + " " + WinHttpReq.StatusText);

if (WinHttpReq.Status == 401) {
    WinHttpReq.open("GET", url, false);
    WinHttpReq.SetCredentials("alice", "s3cret", HTTPREQUEST_SETCREDENTIALS_FOR_SERVER);
    WinHttpReq.send();
    WScript.Echo("With credentials: " + WinHttpReq.Status + " " + WinHttpReq.StatusText);
    var result = JSON.parse(WinHttpReq.ResponseText);
    WScript.Echo("authenticated=" + result.authenticated + " user=" + result.user);
}
