package com

import "strings"

// Retain removes every ProgID not in keep (case-insensitive) from the
// registry, so that creating one fails as an unregistered class does. An
// embedding host uses it to limit the classes its scripts may create;
// ProgIDs registered afterwards are not affected.
func (r *Registry) Retain(keep []string) {
	allowed := make(map[string]bool, len(keep))
	for _, id := range keep {
		allowed[strings.ToLower(id)] = true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for id := range r.factories {
		if !allowed[id] {
			delete(r.factories, id)
		}
	}
	for spelled, key := range r.spelled {
		if !allowed[key] {
			delete(r.spelled, spelled)
		}
	}
}
