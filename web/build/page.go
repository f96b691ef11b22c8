package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// wasmFile is the compressed runtime's name in web/dist.
const wasmFile = "winhttpjs.wasm.gz"

// pageAssets builds everything but the wasm: index.html, app.js, app.css
// and wasm_exec.js.
func pageAssets(root string) (map[string][]byte, error) {
	web := filepath.Join(root, "web")
	if _, err := os.Stat(filepath.Join(web, "node_modules", "codemirror")); err != nil {
		return nil, fmt.Errorf("web/node_modules is missing: run (cd web && npm ci) first")
	}
	files := map[string][]byte{}
	html, err := os.ReadFile(filepath.Join(web, "src", "index.html"))
	if err != nil {
		return nil, err
	}
	files["index.html"] = html
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return nil, err
	}
	if files["wasm_exec.js"], err = os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js")); err != nil {
		return nil, err
	}
	ex, err := examplesModule(filepath.Join(root, "examples"))
	if err != nil {
		return nil, err
	}
	for _, entry := range []string{"app.js", "app.css", "worker.js"} {
		b, err := bundle(web, entry, ex)
		if err != nil {
			return nil, err
		}
		files[entry] = b
	}
	return files, nil
}

// bundle runs esbuild on web/src/entry, minified, for current browsers.
func bundle(web, entry string, examples string) ([]byte, error) {
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:     web,
		EntryPoints:       []string{filepath.Join("src", entry)},
		Bundle:            true,
		Outfile:           entry,
		Write:             false,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		LegalComments:     api.LegalCommentsEndOfFile,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
		Plugins:           []api.Plugin{examplesPlugin(examples)},
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, fmt.Errorf("esbuild %s:\n%s", entry, strings.Join(msgs, ""))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("esbuild %s: %d output files, want 1", entry, len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}

// examplesPlugin serves the module "virtual:examples": the examples as
// JSON [{name, title, source}].
func examplesPlugin(contents string) api.Plugin {
	return api.Plugin{Name: "examples", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^virtual:examples$`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			return api.OnResolveResult{Path: a.Path, Namespace: "examples"}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "examples"}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			return api.OnLoadResult{Contents: &contents, Loader: api.LoaderJSON}, nil
		})
	}}
}

// titleRe takes the description from an example's first line,
// "// name.js — what it shows".
var titleRe = regexp.MustCompile(`^//\s*\S+\s+[—-]+\s*(.*)$`)

// examplesModule lists examples/*.js, sorted by name, as JSON.
func examplesModule(dir string) (string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.js"))
	if err != nil {
		return "", err
	}
	slices.Sort(paths)
	type example struct {
		Name   string `json:"name"`
		Title  string `json:"title"`
		Source string `json:"source"`
	}
	list := []example{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		src := strings.ReplaceAll(string(b), "\r\n", "\n")
		first, _, _ := strings.Cut(src, "\n")
		title := ""
		if m := titleRe.FindStringSubmatch(first); m != nil {
			title = m[1]
		}
		list = append(list, example{filepath.Base(p), title, src})
	}
	out, err := json.Marshal(list)
	return string(out), err
}
