// The JScript host prelude: globals that JScript has and ECMAScript lacks,
// where they are simplest to write in JavaScript. Runs once per runtime
// before the user's script; defines non-enumerable globals so that
// `for (k in this)` over the global object stays quiet.
//
// Enumerator and VBArray are defined in Go (bindings/vbarray), since they
// read COM collections and byte arrays that only Go can see inside.
(function (global) {
  "use strict";
})(this);
