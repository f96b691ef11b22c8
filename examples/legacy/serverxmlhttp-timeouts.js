// ServerXMLHTTP with short timeouts: a slow endpoint times out, the script
// reports the error and carries on.
var base = WScript.Arguments(0);

function fetch(path, receiveMs) {
    var x = new ActiveXObject("MSXML2.ServerXMLHTTP.6.0");
    x.setTimeouts(5000, 5000, 5000, receiveMs);
    x.open("GET", base + path, false);
    try {
        x.send();
        return "HTTP " + x.status;
    } catch (e) {
        return "error 0x" + (e.number >>> 0).toString(16).toUpperCase() + " (code " + (e.number & 0xFFFF) + "): " + e.description;
    }
}

WScript.Echo("/delay/3: " + fetch("/delay/3", 300));
WScript.Echo("/get: " + fetch("/get", 5000));
