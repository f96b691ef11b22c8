package com

import (
	"testing"

	"github.com/dop251/goja"
)

type bumpRecv struct{ n int }

var bumpClass = NewClass([]Def[*bumpRecv]{
	{Name: "Bump", Method: func(r *bumpRecv, _ goja.FunctionCall) goja.Value { r.n++; return nil }},
}, ClassOptions[*bumpRecv]{})

// The objects of one ClassIn share each method's proxy target; another
// ClassIn (another runtime, or Class.New's own) makes its own, so nothing
// is shared between runtimes and no Class holds state of any.
func TestClassInSharesTargets(t *testing.T) {
	rt := goja.New()
	in := bumpClass.In(rt)
	ra, rb := &bumpRecv{}, &bumpRecv{}
	a, b := in.New(ra), in.New(rb)
	fa, _ := goja.AssertFunction(a.Get("Bump"))
	fb, _ := goja.AssertFunction(b.Get("Bump"))
	if _, err := fa(goja.Undefined()); err != nil {
		t.Fatal(err)
	}
	if _, err := fb(goja.Undefined()); err != nil {
		t.Fatal(err)
	}
	if ra.n != 1 || rb.n != 1 {
		t.Fatalf("calls reached a %d and b %d times, want once each", ra.n, rb.n)
	}
	shared := in.set.targets[0]
	if shared == nil {
		t.Fatal("no target was made")
	}
	other := bumpClass.In(goja.New())
	other.New(&bumpRecv{}).Get("Bump")
	if other.set.targets[0] == nil || other.set.targets[0] == shared {
		t.Error("another runtime's ClassIn shares the first one's target")
	}
	lone := bumpClass.New(rt, &bumpRecv{})
	lone.Get("Bump")
	if d := dispatchOf(lone); d == nil || d.set == &in.set || d.set.targets[0] == shared {
		t.Error("Class.New's object uses the ClassIn's targets")
	}
}
