// Start a request that takes long, to be interrupted.
var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Open("GET", process.env.HTTPBIN_URL + "/delay/10", false);
WScript.StdOut.WriteLine("sending");
req.Send();
WScript.Echo("not reached");
