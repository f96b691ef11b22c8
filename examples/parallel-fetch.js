// parallel-fetch.js — fetch 20 URLs at once, each on its own asynchronous
// WinHttpRequest, and report them in order once all have finished.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;
var global = this;

var urls = [];
for (var i = 1; i <= 20; i++) {
    // Every seventh URL fails with an HTTP error, to show it is reported
    // like any other response.
    urls.push(i % 7 === 0 ? base + "/status/404" : base + "/anything/item-" + i);
}

var results = [], pending = urls.length;

// Each request gets its own event prefix (r1_, r2_, …) and handlers that
// know which request they belong to.
function fetch(index, url) {
    var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    var prefix = "r" + index + "_";
    global[prefix + "OnResponseFinished"] = function () {
        var what = req.Status === 200 ? JSON.parse(req.ResponseText).url : req.StatusText;
        results[index] = req.Status + " " + what;
        pending--;
    };
    global[prefix + "OnError"] = function (number, description) {
        results[index] = "error " + (number & 0xFFFF) + " " + description;
        pending--;
    };
    WScript.ConnectObject(req, prefix);
    req.Open("GET", url, true);
    req.Send();
    return req;
}

var requests = [];
for (var i = 0; i < urls.length; i++) {
    requests.push(fetch(i, urls[i]));
}
WScript.Echo("Started " + requests.length + " requests");

// Events are delivered while the script sleeps, as under WSH.
while (pending > 0) {
    WScript.Sleep(10);
}

for (var i = 0; i < results.length; i++) {
    WScript.Echo((i < 9 ? " " : "") + (i + 1) + ". " + results[i]);
}
WScript.Echo("All " + results.length + " done");
