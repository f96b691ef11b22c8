// The JScript host prelude: globals that JScript has and ECMAScript lacks.
// Runs once per runtime before the user's script; defines non-enumerable
// globals so that `for (k in this)` over the global object stays quiet.
(function (global) {
  "use strict";

  function define(name, value) {
    Object.defineProperty(global, name, {
      value: value, writable: true, enumerable: false, configurable: true
    });
  }

  // items returns the members of a COM-style collection (Count()/Item(i),
  // such as WScript.Arguments) or of an array-like object, as an array.
  function items(collection) {
    if (collection === undefined || collection === null) {
      return [];
    }
    var count = collection.Count;
    if (typeof count === "function" && typeof collection.Item === "function") {
      var n = count.call(collection), out = [];
      for (var i = 0; i < n; i++) {
        out.push(collection.Item(i));
      }
      return out;
    }
    if (typeof collection.length === "number") {
      return Array.prototype.slice.call(collection);
    }
    var err = new TypeError("Object is not a collection");
    err.number = -2146823266; // JScript error 5022 (0x800A139E)
    throw err;
  }

  // Enumerator is JScript's iterator over collections:
  //   for (var e = new Enumerator(WScript.Arguments); !e.atEnd(); e.moveNext())
  //     WScript.Echo(e.item());
  function Enumerator(collection) {
    if (!(this instanceof Enumerator)) {
      return new Enumerator(collection);
    }
    Object.defineProperty(this, "_items", { value: items(collection) });
    Object.defineProperty(this, "_index", { value: 0, writable: true });
  }
  Enumerator.prototype.atEnd = function () {
    return this._index >= this._items.length;
  };
  Enumerator.prototype.item = function () {
    return this.atEnd() ? undefined : this._items[this._index];
  };
  Enumerator.prototype.moveFirst = function () {
    this._index = 0;
  };
  Enumerator.prototype.moveNext = function () {
    if (!this.atEnd()) {
      this._index++;
    }
  };
  define("Enumerator", Enumerator);
})(this);
