// One GET of SIZE bytes saved to FILE the way Windows scripts save
// downloads: ResponseBody written to a binary ADODB.Stream, then
// SaveToFile. The time includes the file's writing.
// Usage: winhttpjs run download-adodb.js BASE_URL SIZE FILE
function main(base, size, file) {
    var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
    var t0 = Date.now();
    r.Open("GET", base + "/bytes/" + size, false);
    r.Send();
    var s = new ActiveXObject("ADODB.Stream");
    s.Type = 1;
    s.Open();
    s.Write(r.ResponseBody);
    var n = s.Size;
    s.SaveToFile(file, 2);
    s.Close();
    var ms = Date.now() - t0;
    if (r.Status !== 200 || n !== size) {
        WScript.StdErr.WriteLine("status " + r.Status + ", " + n + " bytes in the stream, want " + size);
        WScript.Quit(1);
    }
    WScript.Echo("BENCH requests=1 bytes=" + n + " ms=" + ms);
}
main(WScript.Arguments(0), +WScript.Arguments(1), WScript.Arguments(2));
