// Hands an array lent to OnResponseDataAvailable under
// --discard-streamed-body, kept past its handler, to Buffer.from, whose
// export of the detached array fails inside goja.
var kept = null;
function r_OnResponseDataAvailable(data) { if (kept === null) kept = data; }
var r = WScript.CreateObject("WinHttp.WinHttpRequest.5.1", "r_");
r.Open("GET", process.env.HTTPBIN_URL + "/bytes/64", false);
r.Send();
WScript.Echo("kept length " + kept.length);
Buffer.from(kept);
WScript.Echo("not reached");
