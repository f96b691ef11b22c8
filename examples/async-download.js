// async-download.js — download asynchronously and print progress from the
// OnResponseDataAvailable event, as a WSH script with COM events does.
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;
var url = base + "/bytes/262144?seed=7";

var total = 0, received = 0, nextMark = 25, sum = 0;

// WScript.CreateObject with a prefix connects the object's events to the
// global functions named prefix + event name.
var req = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "dl_");

function dl_OnResponseStart(status, contentType) {
    total = parseInt(req.GetResponseHeader("Content-Length"), 10);
    WScript.Echo("Response: " + status + " " + contentType + ", " + total + " bytes to come");
}

// data holds the bytes read since the last event (a Uint8Array here, a
// byte array under Windows); the chunk sizes vary from run to run, so
// progress is printed at each quarter.
function dl_OnResponseDataAvailable(data) {
    received += data.length;
    for (var i = 0; i < data.length; i++) {
        sum = (sum * 31 + data[i]) % 1000000007;
    }
    while (total > 0 && received * 100 >= total * nextMark) {
        WScript.Echo("  " + nextMark + "%");
        nextMark += 25;
    }
}

function dl_OnResponseFinished() {
    WScript.Echo("Finished: " + received + " bytes, checksum " + sum);
}

function dl_OnError(number, description) {
    WScript.Echo("Failed: " + description + " (" + (number & 0xFFFF) + ")");
}

WScript.Echo("Downloading " + url);
req.Open("GET", url, true); // true: asynchronous, Send returns at once
req.Send();
WScript.Echo("Send returned; waiting");
// The events are delivered while the script waits.
if (req.WaitForResponse(30)) {
    WScript.Echo("ResponseBody holds " + req.ResponseBody.length + " bytes");
} else {
    WScript.Echo("Timed out");
    req.Abort();
}
