package com

import "github.com/dop251/goja"

// Factory creates a new instance of a COM class in rt.
type Factory func(rt *goja.Runtime) (*goja.Object, error)

// Registry maps ProgIDs (case-insensitive) to factories. Use one per runtime.
type Registry struct {
	// implementation fields
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { panic("TODO") }

// Register adds or replaces the factory for progID.
func (r *Registry) Register(progID string, f Factory) { panic("TODO") }

// Create makes a new object for progID. An unknown ProgID throws JScript
// error 429 "Automation server can't create object" (0x800A01AD).
func (r *Registry) Create(rt *goja.Runtime, progID string) *goja.Object { panic("TODO") }

// Enable defines the global ActiveXObject constructor on rt and the
// property-put marker global named PutMarker.
func (r *Registry) Enable(rt *goja.Runtime) { panic("TODO") }

// PutMarker is the name of the global sentinel that the script loader's
// rewrite passes as the last argument of a parameterized property being
// assigned: `X.Option(4) = v` runs as `X.Option(4, PutMarker).value = v`.
const PutMarker = "__winhttpjs_propput__"
