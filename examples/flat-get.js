// flat-get.js — the documented WinHTTP "get a page" C sample, ported line by
// line to the flat API of require("winhttp").
//
//   winhttpjs run --httpbin examples/flat-get.js
var base = WScript.Arguments.length > 0 ? WScript.Arguments(0) : process.env.HTTPBIN_URL;
var w = require("winhttp");

// Split the base URL the way a C program would.
var url = w.WinHttpCrackUrl(base, 0);
var bResults = false, dwSize = 0, total = 0, sum = 0;

// Use WinHttpOpen to obtain a session handle.
var hSession = w.WinHttpOpen("WinHTTP Example/1.0", w.WINHTTP_ACCESS_TYPE_NO_PROXY,
    w.WINHTTP_NO_PROXY_NAME, w.WINHTTP_NO_PROXY_BYPASS, 0);

// Specify an HTTP server.
var hConnect = null, hRequest = null;
if (hSession)
    hConnect = w.WinHttpConnect(hSession, url.lpszHostName, url.nPort, 0);

// Create an HTTP request handle.
if (hConnect)
    hRequest = w.WinHttpOpenRequest(hConnect, "GET", "/bytes/65536?seed=42", null,
        w.WINHTTP_NO_REFERER, w.WINHTTP_DEFAULT_ACCEPT_TYPES,
        url.nScheme == w.INTERNET_SCHEME_HTTPS ? w.WINHTTP_FLAG_SECURE : 0);

// Send a request.
if (hRequest)
    bResults = w.WinHttpSendRequest(hRequest, w.WINHTTP_NO_ADDITIONAL_HEADERS,
        w.WINHTTP_NO_REQUEST_DATA, 0, 0);

// End the request.
if (bResults)
    bResults = w.WinHttpReceiveResponse(hRequest, null);

if (bResults) {
    WScript.Echo("Status:", w.WinHttpQueryHeaders(hRequest,
        w.WINHTTP_QUERY_STATUS_CODE | w.WINHTTP_QUERY_FLAG_NUMBER,
        w.WINHTTP_HEADER_NAME_BY_INDEX, w.WINHTTP_NO_HEADER_INDEX));
    WScript.Echo("Content-Type:", w.WinHttpQueryHeaders(hRequest, w.WINHTTP_QUERY_CONTENT_TYPE, null, null));
}

// Keep checking for data until there is nothing left.
if (bResults) {
    do {
        // Check for available data.
        dwSize = w.WinHttpQueryDataAvailable(hRequest);
        if (dwSize === null) {
            WScript.Echo("Error " + w.GetLastError() + " in WinHttpQueryDataAvailable.");
            break;
        }
        if (dwSize == 0)
            break;
        // Read the data.
        var buffer = w.WinHttpReadData(hRequest, dwSize);
        if (buffer === null) {
            WScript.Echo("Error " + w.GetLastError() + " in WinHttpReadData.");
            break;
        }
        for (var i = 0; i < buffer.length; i++)
            sum = (sum * 31 + buffer[i]) % 1000000007;
        total += buffer.length;
    } while (dwSize > 0);
    WScript.Echo("Downloaded " + total + " bytes, checksum " + sum);
}

// Report any errors.
if (!bResults)
    WScript.Echo("Error " + w.GetLastError() + " has occurred.");

// Close any open handles.
if (hRequest) w.WinHttpCloseHandle(hRequest);
if (hConnect) w.WinHttpCloseHandle(hConnect);
if (hSession) w.WinHttpCloseHandle(hSession);
