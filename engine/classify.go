package engine

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"syscall"
)

// classify turns a failure of Go's transport (or of a body read) into the
// *Error WinHTTP would report, keeping err as the cause. op names the step
// used when nothing more precise is known.
func classify(err error, callerCtx context.Context, h *hop, op string, u *url.URL) *Error {
	if err == nil {
		return nil
	}
	urlStr := ""
	if u != nil {
		urlStr = u.String()
	}
	mk := func(code Code, op string) *Error {
		return &Error{Code: code, Op: op, URL: urlStr, Err: err}
	}
	// The caller's cancellation explains every error that follows it.
	if cerr := callerCtx.Err(); cerr != nil {
		if errors.Is(cerr, context.DeadlineExceeded) {
			return mk(ErrTimeout, op)
		}
		return mk(ErrOperationCancelled, op)
	}
	if h != nil {
		if f := h.faultErr(); f != nil {
			return f
		}
	}
	var e *Error
	if errors.As(err, &e) {
		return asError(e, e.Code, e.Op, u)
	}
	msg := err.Error()
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case strings.Contains(msg, "server response headers exceeded"),
		strings.Contains(msg, "read limit of"):
		return mk(ErrHeaderSizeOverflow, "receive")
	case certProblems(err) != 0:
		// Behind a proxy Go's transport does the handshake, so certificate
		// failures arrive here rather than from dialTLS.
		te := tlsError(err, u)
		if h != nil {
			h.note.emit(StatusSecureFailure, te.CertErrors)
		}
		return te
	case strings.Contains(msg, "with Body length"):
		// SendReader's length did not match what its reader produced.
		return mk(ErrInvalidParameter, "send")
	case isTLSError(err) || isClientCertRejected(msg):
		return tlsError(err, u)
	case errors.As(err, &dnsErr):
		if dnsErr.IsTimeout {
			return mk(ErrTimeout, "resolve")
		}
		return mk(ErrNameNotResolved, "resolve")
	case errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect") && !isTimeout(err):
		return mk(ErrCannotConnect, "connect")
	case isTimeout(err):
		return mk(ErrTimeout, op)
	case isMalformed(msg):
		return mk(ErrInvalidServerResponse, "receive")
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ENETUNREACH),
		errors.Is(err, syscall.EHOSTUNREACH):
		return mk(ErrCannotConnect, "connect")
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED),
		errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed):
		return mk(ErrConnectionError, op)
	}
	return mk(ErrConnectionError, op)
}

// isMalformed recognises Go's complaints about a response it cannot parse.
func isMalformed(msg string) bool {
	for _, s := range []string{
		"malformed HTTP", "malformed MIME", "bad Content-Length", "invalid Content-Length",
		"unsupported transfer encoding", "too many transfer encodings", "invalid Trailer",
		"missing status", "bad status", "invalid header", "too many 1xx",
		"invalid byte in chunk length", "malformed chunked encoding", "chunked encoding",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// isTLSError reports whether err came out of a TLS handshake or record
// layer (Go's transport does the handshake itself behind a proxy).
func isTLSError(err error) bool {
	var alert tls.AlertError
	var verr *tls.CertificateVerificationError
	var rerr tls.RecordHeaderError
	var uerr x509.UnknownAuthorityError
	var herr x509.HostnameError
	var cerr x509.CertificateInvalidError
	return errors.As(err, &alert) || errors.As(err, &verr) || errors.As(err, &rerr) ||
		errors.As(err, &uerr) || errors.As(err, &herr) || errors.As(err, &cerr) ||
		strings.Contains(err.Error(), "tls: ")
}

// isProtocolVersionError reports a handshake that failed because client
// and server share no TLS version.
func isProtocolVersionError(err error) bool {
	var alert tls.AlertError
	if errors.As(err, &alert) && alert == 70 { // protocol_version
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "protocol version") || strings.Contains(msg, "no supported versions") ||
		strings.Contains(msg, "unsupported protocol version")
}

// tlsError classifies a failed handshake: certificate problems the
// request did not ignore, a protocol version no side accepts (WinHTTP
// reports that as a broken connection), or another security failure.
func tlsError(err error, u *url.URL) *Error {
	if flags := certProblems(err); flags != 0 {
		return &Error{Code: ErrSecureFailure, Op: "tls", URL: u.String(), Err: err, CertErrors: flags}
	}
	// The verifier reports some failures (revocation) with their own code.
	var e *Error
	if errors.As(err, &e) {
		return asError(e, e.Code, "tls", u)
	}
	code := ErrSecureFailure
	switch {
	case isProtocolVersionError(err):
		code = ErrConnectionError
	case isClientCertRejected(err.Error()):
		code = ErrClientAuthCertNeeded
	}
	return &Error{Code: code, Op: "tls", URL: u.String(), Err: err}
}

// asError keeps an *Error as it is and wraps anything else in code.
func asError(err error, code Code, op string, u *url.URL) *Error {
	var e *Error
	if errors.As(err, &e) {
		if e.URL == "" && u != nil {
			cp := *e
			cp.URL = u.String()
			return &cp
		}
		return e
	}
	s := ""
	if u != nil {
		s = u.String()
	}
	return &Error{Code: code, Op: op, URL: s, Err: err}
}

// isClientCertRejected reports the alerts a server sends when it wants a
// client certificate it did not get (or could not accept). With TLS 1.3
// they arrive on the first read after the handshake, not from it.
func isClientCertRejected(msg string) bool {
	return strings.Contains(msg, "remote error: tls: certificate required") ||
		strings.Contains(msg, "remote error: tls: bad certificate")
}
