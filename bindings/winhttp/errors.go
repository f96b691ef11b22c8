package winhttp

import (
	"context"
	"errors"

	"github.com/winhttpjs/winhttpjs/bindings/com"
	"github.com/winhttpjs/winhttpjs/engine"
)

// source is the IErrorInfo source of the object's errors; cscript prints it
// in front of the description of an uncaught error.
const source = "WinHttp.WinHttpRequest"

// throwCode throws WinHTTP error code with its message-table text, plus a
// detail naming what was wrong when there is one.
func (r *request) throwCode(code engine.Code, detail string) {
	msg := code.Message()
	if detail != "" {
		msg += ": " + detail
	}
	com.ThrowDetail(r.rt, code.HRESULT(), msg, source, detail)
}

// throwInvalidArg throws E_INVALIDARG naming the bad argument.
func (r *request) throwInvalidArg(detail string) {
	com.ThrowDetail(r.rt, com.HRInvalidArg, "The parameter is incorrect: "+detail, source, detail)
}

// throwErr throws the COM error a failed engine operation gives a script.
func (r *request) throwErr(err error) {
	code := codeOf(err)
	com.ThrowDetail(r.rt, code.HRESULT(), code.Message(), source, err.Error())
}

// codeOf maps an engine error to the code the COM object reports. The
// object, unlike the flat API, names the certificate problem (winhttp.h
// marks those codes "COM only").
func codeOf(err error) engine.Code {
	code := engine.CodeOf(err)
	switch {
	case code == engine.ErrSecureFailure:
		var e *engine.Error
		if errors.As(err, &e) {
			return certCode(e.CertErrors)
		}
	case code != 0:
	case errors.Is(err, context.DeadlineExceeded):
		code = engine.ErrTimeout
	case errors.Is(err, context.Canceled):
		code = engine.ErrOperationCancelled
	default:
		code = engine.ErrInternal
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
