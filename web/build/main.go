// Command build regenerates the playground's assets in web/dist from their
// sources: the page (web/src, bundled with esbuild's Go API together with
// CodeMirror from web/node_modules and the scripts in examples/), Go's
// wasm_exec.js, and the runtime compiled with GOOS=js GOARCH=wasm,
// gzip-compressed. The output is deterministic for a given Go toolchain
// and package-lock.json.
//
// Usage, from anywhere in the module (web/node_modules must exist: run
// "npm ci" in web/ first):
//
//	go run ./web/build            # rewrite web/dist
//	go run ./web/build -wasm=false # the page only, keep the committed wasm
//	go run ./web/build -check     # build into a temporary folder and fail if web/dist differs
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	check := flag.Bool("check", false, "build into a temporary folder and compare with web/dist instead of writing it")
	wasm := flag.Bool("wasm", true, "rebuild the WebAssembly runtime (false keeps web/dist's; not with -check)")
	flag.Parse()
	if err := run(*check, *wasm); err != nil {
		fmt.Fprintln(os.Stderr, "web/build:", err)
		os.Exit(1)
	}
}

func run(check, wasm bool) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dist := filepath.Join(root, "web", "dist")
	out := dist
	if check {
		if out, err = os.MkdirTemp("", "winhttpjs-web-"); err != nil {
			return err
		}
		defer os.RemoveAll(out)
		wasm = true
	}
	files, err := pageAssets(root)
	if err != nil {
		return err
	}
	if wasm {
		gz, err := buildWasm(root)
		if err != nil {
			return err
		}
		files[wasmFile] = gz
	} else if files[wasmFile], err = os.ReadFile(filepath.Join(dist, wasmFile)); err != nil {
		return fmt.Errorf("-wasm=false needs a built %s: %w", wasmFile, err)
	}
	if check {
		return compare(dist, files)
	}
	return write(out, files)
}

// moduleRoot is the folder of the module's go.mod.
func moduleRoot() (string, error) {
	b, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(b))
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("not inside the winhttpjs module")
	}
	return filepath.Dir(mod), nil
}

// write replaces dir's files with files.
func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range old {
		if _, keep := files[e.Name()]; !keep {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for _, name := range sortedNames(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("%-20s %9d bytes\n", name, len(files[name]))
	}
	return nil
}

// compare fails unless dir holds exactly files.
func compare(dir string, files map[string][]byte) error {
	var stale []string
	for _, name := range sortedNames(files) {
		have, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(have, files[name]) {
			stale = append(stale, name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			stale = append(stale, e.Name()+" (not built from the sources)")
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("web/dist is not what the sources build: %s differ; run: go run ./web/build", strings.Join(stale, ", "))
	}
	fmt.Println("web/dist matches its sources")
	return nil
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
