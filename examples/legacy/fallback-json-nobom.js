// Create whichever HTTP object the machine has, download JSON text, and
// save it as UTF-8 without a byte-order mark: ADODB writes a BOM, so the
// script copies the bytes after it into a binary stream.
function createHttp() {
    var ids = ["MSXML2.ServerXMLHTTP.6.0", "WinHttp.WinHttpRequest.5.1", "Microsoft.XMLHTTP"];
    for (var i = 0; i < ids.length; i++) {
        try {
            var o = new ActiveXObject(ids[i]);
            WScript.Echo("using " + ids[i]);
            return o;
        } catch (e) {
        }
    }
    throw new Error("no HTTP object");
}

var http = createHttp();
http.open("GET", WScript.Arguments(0) + "/json", false);
http.send();
var text = http.responseText;

var utf8 = new ActiveXObject("ADODB.Stream");
utf8.Type = 2;
utf8.Charset = "utf-8";
utf8.Open();
utf8.WriteText(text);
utf8.SaveToFile("with-bom.json", 2);

utf8.Position = 3;
var bin = new ActiveXObject("ADODB.Stream");
bin.Type = 1;
bin.Open();
utf8.CopyTo(bin);
bin.SaveToFile("no-bom.json", 2);
WScript.Echo("with BOM: " + utf8.Size + " bytes, without: " + bin.Size + " bytes");
utf8.Close();
bin.Close();

var data = eval("(" + text + ")");
WScript.Echo("slideshow: " + data.slideshow.title + " by " + data.slideshow.author);
