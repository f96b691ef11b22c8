// flat-post.js — upload a body in pieces with WinHttpWriteData, then read the
// echo; also shows headers, options and the error codes of wrong calls.
//
//   winhttpjs run --httpbin examples/flat-post.js
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;
var w = require("winhttp");
var url = w.WinHttpCrackUrl(base, 0);

var hSession = w.WinHttpOpen("flat-post/1.0", w.WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
w.WinHttpSetTimeouts(hSession, 0, 10000, 10000, 10000);
var hConnect = w.WinHttpConnect(hSession, url.lpszHostName, url.nPort, 0);
var hRequest = w.WinHttpOpenRequest(hConnect, "POST", "/post", null, null, null, 0);

// Out of order: nothing was sent yet.
// (String(...): WScript.Echo would print a boolean as -1 or 0, as WSH does.)
WScript.Echo("ReceiveResponse first:", String(w.WinHttpReceiveResponse(hRequest, null)), w.GetLastError());
// Wrong handle type.
WScript.Echo("SendRequest on the connection:", String(w.WinHttpSendRequest(hConnect, null, null, 0, 0)), w.GetLastError());

w.WinHttpAddRequestHeaders(hRequest, "Content-Type: text/plain\r\nX-Example: flat", w.WINHTTP_ADDREQ_FLAG_ADD);
var pieces = ["Hello, ", "flat ", "WinHTTP!"];
var total = 0;
for (var i = 0; i < pieces.length; i++) total += pieces[i].length;

// The first piece rides with the request; the rest follows via WriteData.
w.WinHttpSendRequest(hRequest, null, pieces[0], total, 0);
for (var i = 1; i < pieces.length; i++)
    WScript.Echo("WriteData wrote", w.WinHttpWriteData(hRequest, pieces[i]), "bytes");
w.WinHttpReceiveResponse(hRequest, null);

var text = "", chunk;
while ((chunk = w.WinHttpReadData(hRequest, 4096)) && chunk.length > 0)
    text += String.fromCharCode.apply(null, chunk);
var echo = JSON.parse(text);
WScript.Echo("Status:", w.WinHttpQueryHeaders(hRequest, w.WINHTTP_QUERY_STATUS_CODE, null, null));
WScript.Echo("Server saw:", echo.data, "/ Content-Length", echo.headers["Content-Length"][0],
    "/ X-Example", echo.headers["X-Example"][0]);
WScript.Echo("Request header back:", w.WinHttpQueryHeaders(hRequest,
    w.WINHTTP_QUERY_CUSTOM | w.WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Example", null));
WScript.Echo("Handle type:", w.WinHttpQueryOption(hRequest, w.WINHTTP_OPTION_HANDLE_TYPE));

w.WinHttpCloseHandle(hSession); // closes the connection and request too
WScript.Echo("After closing the session:", w.WinHttpQueryDataAvailable(hRequest), w.GetLastError());
