package com

import (
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Factory creates a new instance of a COM class in rt.
type Factory func(rt *goja.Runtime) (*goja.Object, error)

// Registry maps ProgIDs (case-insensitive) to factories. Use one per runtime.
type Registry struct {
	mu        sync.RWMutex
	factories map[string]Factory // by lower-cased ProgID
	// spelled maps each ProgID as registered to its lower-cased key:
	// scripts almost always write it that way, and finding it so spares
	// the allocation strings.ToLower makes for every object created.
	spelled map[string]string
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{factories: make(map[string]Factory), spelled: make(map[string]string)}
}

// Register adds or replaces the factory for progID.
func (r *Registry) Register(progID string, f Factory) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := strings.ToLower(progID)
	r.factories[key] = f
	r.spelled[progID] = key
}

// Lookup returns the factory registered for progID.
func (r *Registry) Lookup(progID string) (Factory, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	key, ok := r.spelled[progID]
	if !ok {
		key = strings.ToLower(progID)
	}
	f, ok := r.factories[key]
	return f, ok
}

// Create makes a new object for progID. An unknown ProgID throws JScript
// error 429 "Automation server can't create object" (0x800A01AD).
func (r *Registry) Create(rt *goja.Runtime, progID string) *goja.Object {
	f, ok := r.Lookup(progID)
	if !ok {
		ThrowDetail(rt, HRCannotCreateObject, MsgCannotCreateObject, SourceJScript, "ProgID "+quote(progID)+" is not registered")
	}
	obj, err := f(rt)
	if err != nil {
		ThrowDetail(rt, HRCannotCreateObject, MsgCannotCreateObject, SourceJScript, "creating "+quote(progID)+": "+err.Error())
	}
	if obj == nil {
		ThrowDetail(rt, HRCannotCreateObject, MsgCannotCreateObject, SourceJScript, "creating "+quote(progID)+": the factory returned no object")
	}
	return obj
}

func quote(s string) string { return "\"" + s + "\"" }

// Enable defines the global ActiveXObject constructor on rt and the
// property-put marker global named PutMarker.
func (r *Registry) Enable(rt *goja.Runtime) {
	ctor := rt.ToValue(func(call goja.ConstructorCall) *goja.Object {
		arg := call.Argument(0)
		if goja.IsUndefined(arg) || goja.IsNull(arg) {
			ThrowDetail(rt, HRCannotCreateObject, MsgCannotCreateObject, SourceJScript, "ActiveXObject needs a ProgID")
		}
		return r.Create(rt, arg.String())
	}).(*goja.Object)
	_ = ctor.DefineDataProperty("name", rt.ToValue("ActiveXObject"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	global := rt.GlobalObject()
	_ = global.DefineDataProperty("ActiveXObject", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = global.DefineDataProperty(PutMarker, rt.ToValue(&putMarker{}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

// PutMarker is the name of the global sentinel that the script loader's
// rewrite passes as the last argument of a parameterized property being
// assigned: `X.Option(4) = v` runs as `X.Option(4, PutMarker).value = v`.
const PutMarker = "__winhttpjs_propput__"
