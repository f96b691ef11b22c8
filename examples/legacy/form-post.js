// Post a form with WinHttpRequest, the way order and ticket scripts do.
function urlEncode(s) {
    return encodeURIComponent(s).replace(/%20/g, "+");
}

var fields = { customer: "Zoë Müller", item: "Widget & Co", qty: 3 };
var parts = [];
for (var k in fields) parts.push(k + "=" + urlEncode(String(fields[k])));
var body = parts.join("&");

var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
req.Open("POST", WScript.Arguments(0) + "/post", false);
req.SetRequestHeader("Content-Type", "application/x-www-form-urlencoded");
req.Send(body);

WScript.Echo("Status: " + req.Status);
var reply = eval("(" + req.ResponseText + ")");
WScript.Echo("customer=" + reply.form.customer);
WScript.Echo("item=" + reply.form.item);
WScript.Echo("qty=" + reply.form.qty);
WScript.Echo("content-type: " + reply.headers["Content-Type"]);
