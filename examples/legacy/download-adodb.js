// Download a file with WinHttpRequest and save ResponseBody to disk through
// ADODB.Stream: the most common cscript download script.
var base = WScript.Arguments(0);
var url = base + "/bytes/2048?seed=7";
var target = "download.bin";

var http = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
http.Open("GET", url, false);
http.Send();
if (http.Status != 200) {
    WScript.Echo("Download failed: " + http.Status + " " + http.StatusText);
    WScript.Quit(1);
}

var adTypeBinary = 1;
var adSaveCreateOverWrite = 2;
var stream = new ActiveXObject("ADODB.Stream");
stream.Type = adTypeBinary;
stream.Open();
stream.Write(http.ResponseBody);
stream.SaveToFile(target, adSaveCreateOverWrite);
WScript.Echo("Saved " + stream.Size + " bytes to " + target);
stream.Close();

var fso = new ActiveXObject("Scripting.FileSystemObject");
WScript.Echo("File exists: " + fso.FileExists(target) + ", size " + fso.GetFile(target).Size);
