// connect-error.js — network failures raise errors with WinHTTP's numbers,
// exactly as on Windows: test `e.number & 0xFFFF` against the codes.
var ERROR_WINHTTP_CANNOT_CONNECT = 12029;
var ERROR_WINHTTP_UNRECOGNIZED_SCHEME = 12006;

function fetch(url) {
    var req = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    try {
        req.Open("GET", url, false);
        req.Send();
        return "HTTP " + req.Status;
    } catch (e) {
        switch (e.number & 0xFFFF) {
        case ERROR_WINHTTP_CANNOT_CONNECT: return "cannot connect (12029): " + e.description;
        case ERROR_WINHTTP_UNRECOGNIZED_SCHEME: return "bad scheme (12006): " + e.description;
        default: return "error " + (e.number & 0xFFFF) + ": " + e.description;
        }
    }
}

// Port 1 on loopback has nothing listening.
WScript.Echo(fetch("http://127.0.0.1:1/"));
WScript.Echo(fetch("ftp://127.0.0.1/file.txt"));
