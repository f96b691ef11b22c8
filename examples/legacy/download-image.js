// Fetch an image with Microsoft.XMLHTTP and store it with ADODB.Stream,
// refusing to overwrite an existing file (adSaveCreateNotExist).
var base = WScript.Arguments(0);
var xhr = new ActiveXObject("Microsoft.XMLHTTP");
xhr.open("GET", base + "/image/png", false);
xhr.send();
WScript.Echo("HTTP " + xhr.status + " " + xhr.getResponseHeader("Content-Type"));

function save(body, name) {
    var s = new ActiveXObject("ADODB.Stream");
    s.Type = 1;
    s.Open();
    s.Write(body);
    try {
        s.SaveToFile(name, 1);
        WScript.Echo("wrote " + name + " (" + s.Size + " bytes)");
    } catch (e) {
        WScript.Echo("could not write " + name + ": " + (e.number >>> 0).toString(16) + " " + e.description);
    } finally {
        s.Close();
    }
}

save(xhr.responseBody, "image.png");
save(xhr.responseBody, "image.png");

var bytes = new VBArray(xhr.responseBody).toArray();
var sig = [];
for (var i = 1; i < 4; i++) sig.push(String.fromCharCode(bytes[i]));
WScript.Echo("signature: " + sig.join(""));
