package runtime

import "testing"

// Buffer, URL and URLSearchParams are built at their first use; before
// and after it a script sees the same globals as if they had been there
// from the start.
func TestLazyGlobals(t *testing.T) {
	tests := []struct {
		name, src, stdout string
	}{
		{"read", `
var keys = []; for (var k in this) keys.push(k);
console.log(keys.join(","), "Buffer" in globalThis, "URL" in globalThis);
console.log(typeof Buffer, Buffer.from("hi").toString("hex"), require("buffer").Buffer === Buffer);
console.log(new URL("http://127.0.0.1:8080/a?b=1").searchParams.get("b"), new URLSearchParams("x=2").get("x"));
var d = Object.getOwnPropertyDescriptor(globalThis, "URLSearchParams");
console.log(typeof d.value, d.writable, d.enumerable, d.configurable);
keys = []; for (var k in this) keys.push(k);
console.log(keys.join(","));`,
			"keys,k,d true true\nfunction 6869 true\n1 2\nfunction true false true\nkeys,k,d\n"},
		{"assigned before any read", `
URL = 5;
console.log(URL, typeof URLSearchParams, typeof Buffer);`,
			"5 function function\n"},
		{"assigned in strict mode", `"use strict";
Buffer = "mine";
console.log(Buffer, Object.getOwnPropertyDescriptor(globalThis, "Buffer").value);`,
			"mine mine\n"},
		{"deleted unused", `
console.log(delete globalThis.Buffer, typeof Buffer, "Buffer" in globalThis);`,
			"true undefined false\n"},
		{"JScript's constructors", `
var e = new Enumerator([3, 4]), seen = [];
for (; !e.atEnd(); e.moveNext()) seen.push(e.item());
console.log(seen.join(","), typeof VBArray, Object.getOwnPropertyDescriptor(globalThis, "Enumerator").enumerable);`,
			"3,4 function false\n"},
		{"declared by the script", `
function URL(s) { this.s = s; }
console.log(new URL("x").s, typeof URLSearchParams);`,
			"x function\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runJS(t, noCOM(), tt.src).check(t, 0, tt.stdout, "")
		})
	}
}
