package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestExamplesModule(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b.js":    "// b.js — the second\r\nWScript.Echo(2);\r\n",
		"a.js":    "// a.js - the first\nWScript.Echo(1);\n",
		"c.js":    "WScript.Echo(3);\n",
		"not.txt": "ignored",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := examplesModule(dir)
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]string
	if err := json.Unmarshal([]byte(got), &list); err != nil {
		t.Fatalf("%q: %v", got, err)
	}
	want := []map[string]string{
		{"name": "a.js", "title": "the first", "source": "// a.js - the first\nWScript.Echo(1);\n"},
		{"name": "b.js", "title": "the second", "source": "// b.js — the second\nWScript.Echo(2);\n"},
		{"name": "c.js", "title": "", "source": "WScript.Echo(3);\n"},
	}
	if len(list) != len(want) {
		t.Fatalf("got %d examples, want %d: %q", len(list), len(want), got)
	}
	for i := range want {
		for k, v := range want[i] {
			if list[i][k] != v {
				t.Errorf("example %d %s = %q, want %q", i, k, list[i][k], v)
			}
		}
	}
}

func TestAcceptsRepositoryExamples(t *testing.T) {
	got, err := examplesModule(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]string
	if err := json.Unmarshal([]byte(got), &list); err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e["title"] == "" {
			t.Errorf("%s: no title in its first line (// NAME.js — what it shows)", e["name"])
		}
	}
	if len(list) == 0 {
		t.Fatal("no examples")
	}
	for i := 1; i < len(list); i++ {
		if list[i-1]["name"] >= list[i]["name"] {
			t.Errorf("examples not sorted: %s before %s", list[i-1]["name"], list[i]["name"])
		}
	}
}
