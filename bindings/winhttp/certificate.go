package winhttp

import (
	"os"
	"strings"

	"github.com/dop251/goja"
	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/engine"
)

// CRYPT_E_NOT_FOUND: Windows' answer when no certificate matches.
const hrCryptNotFound uint32 = 0x80092004

// setClientCertificate is SetClientCertificate(selector). Windows selects
// from a certificate store; here the selector is a file: a PEM file with
// the certificate and key, or a PFX/P12 file, optionally followed by
// "|password".
func (r *request) setClientCertificate(call goja.FunctionCall) goja.Value {
	v := r.requireArg(call, 0, "SetClientCertificate", "ClientCertificate")
	if goja.IsNull(v) {
		r.throwInvalidArg("SetClientCertificate: the selector is null")
	}
	r.selectCertificate(v.String())
	return nil
}

// selectCertificate loads the certificate named by selector at once, so
// that a wrong path fails where it is written rather than at Send.
func (r *request) selectCertificate(selector string) {
	path, password := selector, ""
	if _, err := os.Stat(path); err != nil {
		if i := strings.LastIndexByte(selector, '|'); i >= 0 {
			path, password = selector[:i], selector[i+1:]
		}
	}
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		com.ThrowDetail(r.rt, hrCryptNotFound,
			"Cannot find object or property: no client certificate file "+quoted(path)+
				" (winhttpjs reads client certificates from a PEM file or a PFX/P12 file, written \"path\" or \"path|password\"; Windows certificate store selectors are not supported)",
			source, selector)
	}
	cert, err := engine.LoadClientCertificate(path, password)
	if err != nil {
		hr := hrCryptNotFound
		if c := engine.CodeOf(err); c != 0 {
			hr = c.HRESULT()
		}
		com.ThrowDetail(r.rt, hr, "Cannot load the client certificate "+quoted(path)+": "+err.Error(), source, selector)
	}
	r.clientCert = cert
	r.opt.certSelector = selector
}

func quoted(s string) string { return "\"" + s + "\"" }
