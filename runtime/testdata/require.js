var lib = require("./lib.js");
WScript.Echo(lib.greet("world"));
