WScript.StdOut.WriteLine("looping");
while (true) {}
