// Convert a legacy windows-1252 text file (written here with the
// FileSystemObject's ASCII mode) to UTF-8 and to UTF-16 with ADODB.Stream.
var fso = new ActiveXObject("Scripting.FileSystemObject");
var f = fso.CreateTextFile("legacy.txt", true, false);
f.WriteLine("Café crème – 5 €");
f.Close();

function convert(from, fromCharset, to, toCharset) {
    var src = new ActiveXObject("ADODB.Stream");
    src.Type = 2;
    src.Charset = fromCharset;
    src.Open();
    src.LoadFromFile(from);
    var text = src.ReadText();
    src.Close();
    var dst = new ActiveXObject("ADODB.Stream");
    dst.Type = 2;
    dst.Charset = toCharset;
    dst.Open();
    dst.WriteText(text);
    dst.SaveToFile(to, 2);
    WScript.Echo(to + ": " + dst.Size + " bytes");
    dst.Close();
    return text;
}

var text = convert("legacy.txt", "windows-1252", "utf8.txt", "utf-8");
convert("legacy.txt", "windows-1252", "utf16.txt", "unicode");
WScript.Echo("text: " + text.replace(/\r\n$/, ""));
var back = fso.OpenTextFile("utf16.txt", 1, false, -1).ReadLine();
WScript.Echo("read back as Unicode: " + (back == text.replace(/\r\n$/, "")));
