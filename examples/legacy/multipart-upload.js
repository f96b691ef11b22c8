// Upload a file as multipart/form-data: the body is assembled in an
// ADODB.Stream from text parts and the file's bytes, then sent as bytes.
var fso = new ActiveXObject("Scripting.FileSystemObject");
var report = fso.CreateTextFile("report.csv", true);
report.WriteLine("id,name");
report.WriteLine("1,alpha");
report.Close();

var boundary = "----winhttpjsBoundary7MA4YWxkTrZu0gW";
var body = new ActiveXObject("ADODB.Stream");
body.Type = 1;
body.Open();

function writeText(text) {
    var t = new ActiveXObject("ADODB.Stream");
    t.Type = 2;
    t.Charset = "us-ascii";
    t.Open();
    t.WriteText(text);
    t.Position = 0;
    t.Type = 1;
    body.Write(t.Read());
    t.Close();
}

writeText("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnightly\r\n");
writeText("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.csv\"\r\nContent-Type: text/csv\r\n\r\n");
var file = new ActiveXObject("ADODB.Stream");
file.Type = 1;
file.Open();
file.LoadFromFile("report.csv");
body.Write(file.Read());
file.Close();
writeText("\r\n--" + boundary + "--\r\n");

body.Position = 0;
var http = new ActiveXObject("MSXML2.ServerXMLHTTP.6.0");
http.open("POST", WScript.Arguments(0) + "/post", false);
http.setRequestHeader("Content-Type", "multipart/form-data; boundary=" + boundary);
http.send(body.Read());
WScript.Echo("uploaded " + body.Size + " bytes: HTTP " + http.status);
var r = eval("(" + http.responseText + ")");
WScript.Echo("note: " + r.form.note);
WScript.Echo("file: " + r.files.file.join("").replace(/\r\n/g, "|"));
