// Echo every argument, then the named and unnamed views.
var a = WScript.Arguments;
WScript.Echo(WScript.ScriptName, a.length);
for (var i = 0; i < a.length; i++) {
  WScript.Echo(i + ": " + a(i));
}
WScript.Echo("named v:", a.Named.Exists("v"), "out:", a.Named("out"));
WScript.Echo("unnamed:", a.Unnamed.length);
