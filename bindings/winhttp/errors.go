package winhttp

import (
	"errors"
	"strings"

	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/engine"
)

// source is the IErrorInfo source of the object's errors; cscript prints it
// in front of the description of an uncaught error.
const source = "WinHttp.WinHttpRequest"

// throwCode throws WinHTTP error code with its message-table text, plus a
// detail naming what was wrong when there is one.
// The description stays WinHTTP's exact text, as scripts print and compare
// it; the detail reaches the uncaught-error report.
func (r *request) throwCode(code engine.Code, detail string) {
	com.ThrowDetail(r.rt, code.HRESULT(), code.Message(), source, detail)
}

// throwInvalidArg throws E_INVALIDARG naming the bad argument.
func (r *request) throwInvalidArg(detail string) {
	com.ThrowDetail(r.rt, com.HRInvalidArg, "The parameter is incorrect: "+detail, source, detail)
}

// throwErr throws the COM error a failed engine operation gives a script.
func (r *request) throwErr(err error) {
	code := codeOf(err)
	com.ThrowDetail(r.rt, code.HRESULT(), code.Message(), source, errorDetail(err))
}

// errorDetail says what failed without repeating the description: the
// step, the URL and the underlying cause.
func errorDetail(err error) string {
	var e *engine.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	detail := e.Op
	if e.URL != "" {
		detail = strings.TrimSpace(detail + " " + e.URL)
	}
	if e.Err != nil {
		if detail != "" {
			detail += ": "
		}
		detail += e.Err.Error()
	}
	return detail
}

// codeOf maps an engine error to the code the COM object reports. The
// object, unlike the flat API, names the certificate problem (winhttp.h
// marks those codes "COM only").
func codeOf(err error) engine.Code {
	code := engine.CodeFor(err)
	if code == engine.ErrSecureFailure {
		var e *engine.Error
		if errors.As(err, &e) {
			return certCode(e.CertErrors)
		}
	}
	return code
}

// certCode picks the code for a certificate failure; when several problems
// were found the first in WinHTTP's order of checks wins.
func certCode(f engine.SecurityFlags) engine.Code {
	switch {
	case f&engine.SecurityIgnoreUnknownCA != 0:
		return engine.ErrSecureInvalidCA
	case f&engine.SecurityIgnoreDateInvalid != 0:
		return engine.ErrSecureCertDateInvalid
	case f&engine.SecurityIgnoreCNInvalid != 0:
		return engine.ErrSecureCertCNInvalid
	case f&engine.SecurityIgnoreWrongUsage != 0:
		return engine.ErrSecureCertWrongUsage
	}
	return engine.ErrSecureFailure
}
