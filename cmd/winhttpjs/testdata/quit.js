WScript.StdOut.WriteLine("quitting");
WScript.Quit(WScript.Arguments.length ? Number(WScript.Arguments(0)) : 0);
