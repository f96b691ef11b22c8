// Authenticate against a protected endpoint: MSXML takes the user and
// password in open, WinHttpRequest through SetCredentials after a 401.
var url = WScript.Arguments(0) + "/basic-auth/deploy/s3cret";

var x = new ActiveXObject("MSXML2.XMLHTTP.6.0");
x.open("GET", url, false, "deploy", "s3cret");
x.send();
WScript.Echo("XMLHTTP: " + x.status + " " + eval("(" + x.responseText + ")").user);

var w = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
w.Open("GET", url, false);
w.Send();
WScript.Echo("WinHttp without credentials: " + w.Status);
w.Open("GET", url, false);
w.SetCredentials("deploy", "s3cret", 0);
w.Send();
WScript.Echo("WinHttp with credentials: " + w.Status);
