// A CommonJS module required by require.js.
exports.greet = function (name) {
  return "hello " + name;
};
