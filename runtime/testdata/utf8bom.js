var s = "héllo 世界";
WScript.Echo(s, s.length);
