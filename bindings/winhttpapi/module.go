package winhttpapi

import (
	"context"
	"os"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"

	"github.com/winhttpjs/winhttpjs/bindings/host"
	"github.com/winhttpjs/winhttpjs/engine"
)

// ModuleName is the name scripts pass to require.
const ModuleName = "winhttp"

// Options configure the module for one runtime.
type Options struct {
	// Context ends every request of the module when cancelled (the run
	// being stopped); nil means context.Background().
	Context context.Context
	// Pool is shared by the sessions scripts open; nil gives each session
	// a pool of its own.
	Pool *engine.Pool
	// Loop delivers asynchronous completions (WINHTTP_FLAG_ASYNC) on the
	// script's goroutine; without one, WinHttpOpen with WINHTTP_FLAG_ASYNC
	// fails with ERROR_NOT_SUPPORTED.
	Loop host.Loop
	// Observe, when set, is shown each request just before it is sent and
	// told how it ended (the REPL's .trace uses it). ended may be nil.
	Observe func(req *engine.Request) (ended func(resp *engine.Response, err error))
	// Getenv reads the proxy environment (HTTP_PROXY, HTTPS_PROXY,
	// NO_PROXY); nil means os.Getenv.
	Getenv func(string) string
	// Now is the clock of WinHttpTimeToSystemTime; nil means time.Now.
	Now func() time.Time
	// Session is applied to every session WinHttpOpen creates before the
	// script's arguments (lets Go hosts and tests route connections).
	Session engine.SessionOptions
}

// New returns the module loader for require's registry (goja_nodejs
// style). Each runtime that requires the module gets its own state.
func New(opts Options) require.ModuleLoader {
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return func(rt *goja.Runtime, mod *goja.Object) {
		m := &module{rt: rt, opts: opts}
		m.export(mod.Get("exports").(*goja.Object))
	}
}

// Require loads the module with default Options (no event loop, so no
// asynchronous sessions), for registries that take a plain loader.
func Require(rt *goja.Runtime, module *goja.Object) { New(Options{})(rt, module) }

// module is the state of one runtime's copy of the module; all of it is
// used on the runtime's goroutine only.
type module struct {
	rt        *goja.Runtime
	opts      Options
	lastError uint32
	// defaultProxy is what WinHttpSetDefaultProxyConfiguration stored
	// (nil: the environment's).
	defaultProxy *engine.ProxyConfig
	// thrown is an exception (or interrupt) raised by a status callback
	// during a call, re-thrown when the call returns.
	thrown error
	// view is the last typed array or DataView read into (callerBuffer).
	view viewCache
}

// fn is the shape of every exported function.
type fn func(call goja.FunctionCall) goja.Value

// export sets every function and constant on exports.
func (m *module) export(exports *goja.Object) {
	for _, c := range constants() {
		_ = exports.Set(c.name, c.value)
	}
	for _, n := range nullConstants() {
		_ = exports.Set(n, goja.Null())
	}
	_ = exports.Set("WINHTTP_INVALID_STATUS_CALLBACK", -1)
	for name, f := range m.functions() {
		f := f
		_ = exports.Set(name, func(call goja.FunctionCall) goja.Value {
			// A call made from inside a status callback must not lose
			// the exception an earlier callback of the outer call threw.
			outer := m.thrown
			m.thrown = nil
			v := f(call)
			ex := m.thrown
			m.thrown = outer
			if ex != nil {
				panic(ex)
			}
			return v
		})
	}
}

// functions maps each exported C name to its implementation.
func (m *module) functions() map[string]fn {
	return map[string]fn{
		"GetLastError":                             m.getLastError,
		"SetLastError":                             m.setLastErrorJS,
		"WinHttpCheckPlatform":                     func(goja.FunctionCall) goja.Value { return m.ok() },
		"WinHttpOpen":                              m.open,
		"WinHttpConnect":                           m.connect,
		"WinHttpOpenRequest":                       m.openRequest,
		"WinHttpCloseHandle":                       m.closeHandle,
		"WinHttpAddRequestHeaders":                 m.addRequestHeaders,
		"WinHttpAddRequestHeadersEx":               m.addRequestHeadersEx,
		"WinHttpSendRequest":                       m.sendRequest,
		"WinHttpWriteData":                         m.writeData,
		"WinHttpReceiveResponse":                   m.receiveResponse,
		"WinHttpQueryHeaders":                      m.queryHeaders,
		"WinHttpQueryHeadersEx":                    m.queryHeadersEx,
		"WinHttpQueryDataAvailable":                m.queryDataAvailable,
		"WinHttpReadData":                          m.readData,
		"WinHttpReadDataEx":                        m.readDataEx,
		"WinHttpQueryAuthSchemes":                  m.queryAuthSchemes,
		"WinHttpQueryAuthParams":                   m.unsupportedBool,
		"WinHttpSetCredentials":                    m.setCredentials,
		"WinHttpQueryOption":                       m.queryOption,
		"WinHttpSetOption":                         m.setOption,
		"WinHttpSetTimeouts":                       m.setTimeouts,
		"WinHttpSetStatusCallback":                 m.setStatusCallback,
		"WinHttpCrackUrl":                          m.crackURL,
		"WinHttpCreateUrl":                         m.createURL,
		"WinHttpTimeFromSystemTime":                m.timeFromSystemTime,
		"WinHttpTimeToSystemTime":                  m.timeToSystemTime,
		"WinHttpGetDefaultProxyConfiguration":      m.getDefaultProxyConfiguration,
		"WinHttpSetDefaultProxyConfiguration":      m.setDefaultProxyConfiguration,
		"WinHttpGetIEProxyConfigForCurrentUser":    m.getIEProxyConfig,
		"WinHttpDetectAutoProxyConfigUrl":          m.detectAutoProxyConfigURL,
		"WinHttpGetProxyForUrl":                    m.getProxyForURL,
		"WinHttpCreateProxyResolver":               m.createProxyResolver,
		"WinHttpGetProxyForUrlEx":                  m.getProxyForURLEx,
		"WinHttpGetProxyForUrlEx2":                 m.getProxyForURLEx2,
		"WinHttpGetProxyResult":                    m.getProxyResult,
		"WinHttpGetProxyResultEx":                  m.getProxyResult,
		"WinHttpFreeProxyResult":                   func(goja.FunctionCall) goja.Value { return goja.Undefined() },
		"WinHttpFreeProxyResultEx":                 func(goja.FunctionCall) goja.Value { return goja.Undefined() },
		"WinHttpResetAutoProxy":                    m.resetAutoProxy,
		"WinHttpIsHostInProxyBypassList":           m.isHostInProxyBypassList,
		"WinHttpGetProxySettingsVersion":           m.unsupportedDword,
		"WinHttpReadProxySettings":                 m.unsupportedDword,
		"WinHttpWriteProxySettings":                m.unsupportedDword,
		"WinHttpFreeProxySettings":                 func(goja.FunctionCall) goja.Value { return goja.Undefined() },
		"WinHttpGetProxySettingsEx":                m.unsupportedDword,
		"WinHttpGetProxySettingsResultEx":          m.unsupportedDword,
		"WinHttpFreeProxySettingsEx":               func(goja.FunctionCall) goja.Value { return goja.Undefined() },
		"WinHttpRegisterProxyChangeNotification":   m.unsupportedDword,
		"WinHttpUnregisterProxyChangeNotification": m.unsupportedDword,
		"WinHttpQueryConnectionGroup":              m.unsupportedDword,
		"WinHttpFreeQueryConnectionGroupResult":    func(goja.FunctionCall) goja.Value { return goja.Undefined() },
		"WinHttpWebSocketCompleteUpgrade":          m.webSocketCompleteUpgrade,
		"WinHttpWebSocketSend":                     m.webSocketSend,
		"WinHttpWebSocketReceive":                  m.webSocketReceive,
		"WinHttpWebSocketClose":                    m.webSocketClose,
		"WinHttpWebSocketShutdown":                 m.webSocketShutdown,
		"WinHttpWebSocketQueryCloseStatus":         m.webSocketQueryCloseStatus,
	}
}
