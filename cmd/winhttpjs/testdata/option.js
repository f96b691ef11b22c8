var req = WScript.CreateObject("WinHttp.WinHttpRequest.5.1");
req.Option(6) = false;
WScript.Echo("redirects:", req.Option(6)); req.Option(4) = 13056; missing();
