// flat-url.js — WinHttpCrackUrl, WinHttpCreateUrl and the HTTP date helpers.
//
//   winhttpjs run examples/flat-url.js
var w = require("winhttp");

var u = w.WinHttpCrackUrl("https://user:pw@www.example.com:8443/a/b%20c?x=1#top", w.ICU_DECODE);
WScript.Echo("scheme:", u.lpszScheme, u.nScheme, "host:", u.lpszHostName, "port:", u.nPort);
WScript.Echo("user:", u.lpszUserName, "password:", u.lpszPassword);
WScript.Echo("path:", u.lpszUrlPath, "extra:", u.lpszExtraInfo);

WScript.Echo("no scheme:", w.WinHttpCrackUrl("www.example.com", 0), w.GetLastError());

var url = w.WinHttpCreateUrl({
    nScheme: w.INTERNET_SCHEME_HTTP, lpszHostName: "www.example.com", nPort: 80,
    lpszUrlPath: "/search", lpszExtraInfo: "?q=flat api"
}, w.ICU_ESCAPE);
WScript.Echo("created:", url);

var st = w.WinHttpTimeToSystemTime("Mon, 28 Jul 2008 10:05:52 GMT");
WScript.Echo("parsed:", st.wYear, st.wMonth, st.wDay, st.wHour, st.wMinute, st.wSecond, "weekday", st.wDayOfWeek);
WScript.Echo("formatted:", w.WinHttpTimeFromSystemTime(st));
