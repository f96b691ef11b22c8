// An API client that takes its endpoint from the environment (falling back
// to the command line) and appends what it does to a log file.
var ForAppending = 8;
var shell = WScript.CreateObject("WScript.Shell");
var fso = WScript.CreateObject("Scripting.FileSystemObject");

var base = shell.ExpandEnvironmentStrings("%API_BASE%");
if (base == "%API_BASE%") {
    base = WScript.Arguments(0);
}

var logFolder = fso.BuildPath(shell.CurrentDirectory, "logs");
if (!fso.FolderExists(logFolder)) {
    fso.CreateFolder(logFolder);
}
var log = fso.OpenTextFile(fso.BuildPath(logFolder, "client.log"), ForAppending, true);

function logLine(level, msg) {
    log.WriteLine("[" + level + "] " + msg);
}

function call(path) {
    var http = new ActiveXObject("MSXML2.XMLHTTP");
    http.open("GET", base + path, false);
    http.setRequestHeader("Accept", "application/json");
    http.send();
    logLine(http.status == 200 ? "INFO" : "WARN", "GET " + path + " -> " + http.status);
    return http;
}

var r = call("/json");
var show = eval("(" + r.responseText + ")").slideshow;
logLine("INFO", "slides: " + show.slides.length);
call("/status/503");
log.Close();

var text = fso.OpenTextFile(fso.BuildPath(logFolder, "client.log"), 1).ReadAll();
WScript.StdOut.Write(text.replace(/\r\n/g, "\n"));
