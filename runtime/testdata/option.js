// WSH scripts assign parameterized properties: JScript allows it.
var o = makeObject();
o.Option(4) = 13056;
o.Option(6) = false; o.Option(9) = 2048;
WScript.Echo(o.Option(4), o.Option(6), o.Option(9));
o.Option(1) = "x"; notDefined();
