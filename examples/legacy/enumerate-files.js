// Make a folder of files, list it with Enumerator, clean up with wildcards.
var fso = new ActiveXObject("Scripting.FileSystemObject");
var root = fso.GetAbsolutePathName("work");
if (fso.FolderExists(root)) fso.DeleteFolder(root, true);
fso.CreateFolder(root);
fso.CreateFolder(fso.BuildPath(root, "archive"));
var names = ["b.log", "a.txt", "C.txt"];
for (var i = 0; i < names.length; i++) {
    var t = fso.CreateTextFile(fso.BuildPath(root, names[i]));
    t.Write(new Array(i + 2).join("x"));
    t.Close();
}

function list(folder) {
    for (var e = new Enumerator(folder.Files); !e.atEnd(); e.moveNext()) {
        var f = e.item();
        WScript.Echo("  " + f.Name + " " + f.Size + " " + fso.GetExtensionName(f.Path));
    }
}

var folder = fso.GetFolder(root);
WScript.Echo(folder.Name + ": " + folder.Files.Count + " files, " + folder.SubFolders.Count + " folder(s)");
list(folder);
for (var s = new Enumerator(folder.SubFolders); !s.atEnd(); s.moveNext()) {
    WScript.Echo("  [" + s.item().Name + "]");
}
fso.MoveFile(fso.BuildPath(root, "*.txt"), fso.BuildPath(root, "archive") + "/");
WScript.Echo("after moving *.txt to archive:");
list(folder);
list(fso.GetFolder(fso.BuildPath(root, "archive")));
fso.DeleteFile(fso.BuildPath(root, "archive/*.txt"));
WScript.Echo("archive now holds " + fso.GetFolder(fso.BuildPath(root, "archive")).Files.Count + " files");
