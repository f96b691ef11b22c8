package engine

import (
	"context"
	"errors"
	"fmt"
)

// Code is a WinHTTP error code (ERROR_WINHTTP_*, 12000–12192) or a plain
// Win32 error code that WinHTTP also reports (ERROR_INVALID_PARAMETER, …).
type Code uint32

// WinHTTP error codes. The numbers are WinHTTP's; the Go names drop the
// ERROR_WINHTTP_ prefix.
const (
	ErrOutOfHandles                      Code = 12001
	ErrTimeout                           Code = 12002
	ErrInternal                          Code = 12004
	ErrInvalidURL                        Code = 12005
	ErrUnrecognizedScheme                Code = 12006
	ErrNameNotResolved                   Code = 12007
	ErrInvalidOption                     Code = 12009
	ErrOptionNotSettable                 Code = 12011
	ErrShutdown                          Code = 12012
	ErrLoginFailure                      Code = 12015
	ErrOperationCancelled                Code = 12017
	ErrIncorrectHandleType               Code = 12018
	ErrIncorrectHandleState              Code = 12019
	ErrCannotConnect                     Code = 12029
	ErrConnectionError                   Code = 12030
	ErrResendRequest                     Code = 12032
	ErrSecureCertDateInvalid             Code = 12037
	ErrSecureCertCNInvalid               Code = 12038
	ErrClientAuthCertNeeded              Code = 12044
	ErrSecureInvalidCA                   Code = 12045
	ErrSecureCertRevFailed               Code = 12057
	ErrCannotCallBeforeOpen              Code = 12100
	ErrCannotCallBeforeSend              Code = 12101
	ErrCannotCallAfterSend               Code = 12102
	ErrCannotCallAfterOpen               Code = 12103
	ErrHeaderNotFound                    Code = 12150
	ErrInvalidServerResponse             Code = 12152
	ErrInvalidHeader                     Code = 12153
	ErrInvalidQueryRequest               Code = 12154
	ErrHeaderAlreadyExists               Code = 12155
	ErrRedirectFailed                    Code = 12156
	ErrSecureChannelError                Code = 12157
	ErrBadAutoProxyScript                Code = 12166
	ErrUnableToDownloadScript            Code = 12167
	ErrSecureInvalidCert                 Code = 12169
	ErrSecureCertRevoked                 Code = 12170
	ErrNotInitialized                    Code = 12172
	ErrSecureFailure                     Code = 12175
	ErrUnhandledScriptType               Code = 12176
	ErrScriptExecutionError              Code = 12177
	ErrAutoProxyServiceError             Code = 12178
	ErrSecureCertWrongUsage              Code = 12179
	ErrAutodetectionFailed               Code = 12180
	ErrHeaderCountExceeded               Code = 12181
	ErrHeaderSizeOverflow                Code = 12182
	ErrChunkedEncodingHeaderSizeOverflow Code = 12183
	ErrResponseDrainOverflow             Code = 12184
	ErrClientCertNoPrivateKey            Code = 12185
	ErrClientCertNoAccessPrivateKey      Code = 12186
	ErrClientAuthCertNeededProxy         Code = 12187
	ErrSecureFailureProxy                Code = 12188
	ErrHTTPProtocolMismatch              Code = 12190
)

// Plain Win32 error codes that WinHTTP sets alongside its own.
const (
	ErrInvalidHandle      Code = 6
	ErrNotEnoughMemory    Code = 8
	ErrNotSupported       Code = 50
	ErrInvalidParameter   Code = 87
	ErrInsufficientBuffer Code = 122
	ErrNoMoreItems        Code = 259
	ErrIOPending          Code = 997
	ErrInvalidServerState Code = 1352
	ErrInvalidOperation   Code = 4317
)

type codeInfo struct {
	name    string
	message string
}

// codeTable holds WinHTTP's English message-table text for each code.
var codeTable = map[Code]codeInfo{
	ErrOutOfHandles:                      {"ERROR_WINHTTP_OUT_OF_HANDLES", "No more handles could be generated at this time"},
	ErrTimeout:                           {"ERROR_WINHTTP_TIMEOUT", "The operation timed out"},
	ErrInternal:                          {"ERROR_WINHTTP_INTERNAL_ERROR", "An internal error occurred in the Microsoft Windows HTTP Services"},
	ErrInvalidURL:                        {"ERROR_WINHTTP_INVALID_URL", "The URL is invalid"},
	ErrUnrecognizedScheme:                {"ERROR_WINHTTP_UNRECOGNIZED_SCHEME", "The URL does not use a recognized protocol"},
	ErrNameNotResolved:                   {"ERROR_WINHTTP_NAME_NOT_RESOLVED", "The server name or address could not be resolved"},
	ErrInvalidOption:                     {"ERROR_WINHTTP_INVALID_OPTION", "An invalid option value was specified"},
	ErrOptionNotSettable:                 {"ERROR_WINHTTP_OPTION_NOT_SETTABLE", "The requested option cannot be set, only queried"},
	ErrShutdown:                          {"ERROR_WINHTTP_SHUTDOWN", "The Microsoft Windows HTTP Services are shutting down"},
	ErrLoginFailure:                      {"ERROR_WINHTTP_LOGIN_FAILURE", "The login attempt failed"},
	ErrOperationCancelled:                {"ERROR_WINHTTP_OPERATION_CANCELLED", "The operation has been canceled"},
	ErrIncorrectHandleType:               {"ERROR_WINHTTP_INCORRECT_HANDLE_TYPE", "The type of handle supplied is incorrect for this operation"},
	ErrIncorrectHandleState:              {"ERROR_WINHTTP_INCORRECT_HANDLE_STATE", "The handle supplied is not in the correct state for this operation"},
	ErrCannotConnect:                     {"ERROR_WINHTTP_CANNOT_CONNECT", "A connection with the server could not be established"},
	ErrConnectionError:                   {"ERROR_WINHTTP_CONNECTION_ERROR", "The connection with the server was terminated abnormally"},
	ErrResendRequest:                     {"ERROR_WINHTTP_RESEND_REQUEST", "The request must be resent"},
	ErrSecureCertDateInvalid:             {"ERROR_WINHTTP_SECURE_CERT_DATE_INVALID", "The date in the certificate is invalid or has expired"},
	ErrSecureCertCNInvalid:               {"ERROR_WINHTTP_SECURE_CERT_CN_INVALID", "The host name in the certificate is invalid or does not match"},
	ErrClientAuthCertNeeded:              {"ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", "A certificate is required to complete client authentication"},
	ErrSecureInvalidCA:                   {"ERROR_WINHTTP_SECURE_INVALID_CA", "A certificate chain was processed, but terminated in a root certificate which is not trusted by the trust provider"},
	ErrSecureCertRevFailed:               {"ERROR_WINHTTP_SECURE_CERT_REV_FAILED", "The revocation function was unable to check revocation because the revocation server was offline"},
	ErrCannotCallBeforeOpen:              {"ERROR_WINHTTP_CANNOT_CALL_BEFORE_OPEN", "This method cannot be called until the Open method has been called"},
	ErrCannotCallBeforeSend:              {"ERROR_WINHTTP_CANNOT_CALL_BEFORE_SEND", "This method cannot be called until the Send method has been called"},
	ErrCannotCallAfterSend:               {"ERROR_WINHTTP_CANNOT_CALL_AFTER_SEND", "This method cannot be called after the Send method has been called"},
	ErrCannotCallAfterOpen:               {"ERROR_WINHTTP_CANNOT_CALL_AFTER_OPEN", "This option cannot be set after the Open method has been called"},
	ErrHeaderNotFound:                    {"ERROR_WINHTTP_HEADER_NOT_FOUND", "The requested header could not be located"},
	ErrInvalidServerResponse:             {"ERROR_WINHTTP_INVALID_SERVER_RESPONSE", "The server response could not be parsed"},
	ErrInvalidHeader:                     {"ERROR_WINHTTP_INVALID_HEADER", "The supplied header is invalid"},
	ErrInvalidQueryRequest:               {"ERROR_WINHTTP_INVALID_QUERY_REQUEST", "The request made to HttpQueryInfo is invalid"},
	ErrHeaderAlreadyExists:               {"ERROR_WINHTTP_HEADER_ALREADY_EXISTS", "The header could not be added because it already exists"},
	ErrRedirectFailed:                    {"ERROR_WINHTTP_REDIRECT_FAILED", "The redirection failed because either the scheme changed or all attempts made to redirect failed"},
	ErrSecureChannelError:                {"ERROR_WINHTTP_SECURE_CHANNEL_ERROR", "An error occurred in the secure channel support"},
	ErrBadAutoProxyScript:                {"ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT", "An error occurred executing the script code in the Proxy Auto-Configuration (PAC) file"},
	ErrUnableToDownloadScript:            {"ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT", "The PAC file could not be downloaded"},
	ErrSecureInvalidCert:                 {"ERROR_WINHTTP_SECURE_INVALID_CERT", "The certificate is invalid"},
	ErrSecureCertRevoked:                 {"ERROR_WINHTTP_SECURE_CERT_REVOKED", "The certificate has been revoked"},
	ErrNotInitialized:                    {"ERROR_WINHTTP_NOT_INITIALIZED", "The Microsoft Windows HTTP Services are not initialized"},
	ErrSecureFailure:                     {"ERROR_WINHTTP_SECURE_FAILURE", "A security error occurred"},
	ErrUnhandledScriptType:               {"ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE", "The script type is not supported"},
	ErrScriptExecutionError:              {"ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR", "An error occurred while executing the script"},
	ErrAutoProxyServiceError:             {"ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR", "No proxy could be located for the URL"},
	ErrSecureCertWrongUsage:              {"ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE", "The certificate is not valid for the requested usage"},
	ErrAutodetectionFailed:               {"ERROR_WINHTTP_AUTODETECTION_FAILED", "The proxy auto-configuration URL could not be detected"},
	ErrHeaderCountExceeded:               {"ERROR_WINHTTP_HEADER_COUNT_EXCEEDED", "The server response contained too many headers"},
	ErrHeaderSizeOverflow:                {"ERROR_WINHTTP_HEADER_SIZE_OVERFLOW", "The size of the response headers exceeded the limit"},
	ErrChunkedEncodingHeaderSizeOverflow: {"ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW", "An overflow occurred while parsing a chunked-encoding header"},
	ErrResponseDrainOverflow:             {"ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW", "The response exceeded an internal size limit"},
	ErrClientCertNoPrivateKey:            {"ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY", "The client certificate has no private key"},
	ErrClientCertNoAccessPrivateKey:      {"ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY", "The application does not have the permission to use the private key of the client certificate"},
	ErrClientAuthCertNeededProxy:         {"ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED_PROXY", "The proxy requires a client certificate"},
	ErrSecureFailureProxy:                {"ERROR_WINHTTP_SECURE_FAILURE_PROXY", "A security error occurred on the connection to the proxy"},
	ErrHTTPProtocolMismatch:              {"ERROR_WINHTTP_HTTP_PROTOCOL_MISMATCH", "The required HTTP protocol could not be negotiated"},

	ErrInvalidHandle:      {"ERROR_INVALID_HANDLE", "The handle is invalid"},
	ErrNotEnoughMemory:    {"ERROR_NOT_ENOUGH_MEMORY", "Not enough memory resources are available to process this command"},
	ErrNotSupported:       {"ERROR_NOT_SUPPORTED", "The request is not supported"},
	ErrInvalidParameter:   {"ERROR_INVALID_PARAMETER", "The parameter is incorrect"},
	ErrInsufficientBuffer: {"ERROR_INSUFFICIENT_BUFFER", "The data area passed to a system call is too small"},
	ErrNoMoreItems:        {"ERROR_NO_MORE_ITEMS", "No more data is available"},
	ErrIOPending:          {"ERROR_IO_PENDING", "Overlapped I/O operation is in progress"},
	ErrInvalidServerState: {"ERROR_INVALID_SERVER_STATE", "The server was in the wrong state to perform the operation"},
	ErrInvalidOperation:   {"ERROR_INVALID_OPERATION", "The operation identifier is not valid"},
}

// Name returns the C name of the code, e.g. "ERROR_WINHTTP_TIMEOUT".
func (c Code) Name() string {
	if info, ok := codeTable[c]; ok {
		return info.name
	}
	return fmt.Sprintf("ERROR_%d", uint32(c))
}

// Message returns WinHTTP's English description of the code.
func (c Code) Message() string {
	if info, ok := codeTable[c]; ok {
		return info.message
	}
	return fmt.Sprintf("Unknown error %d", uint32(c))
}

// HRESULT returns the code as HRESULT_FROM_WIN32 produces it (0x80070000|code).
func (c Code) HRESULT() uint32 {
	if c == 0 {
		return 0
	}
	return 0x80070000 | (uint32(c) & 0xFFFF)
}

// Error makes a bare Code usable as an error.
func (c Code) Error() string {
	return fmt.Sprintf("%s (%d)", c.Message(), uint32(c))
}

// Error is a failure of an engine operation. It carries the WinHTTP code a
// Windows caller would see and the underlying cause.
type Error struct {
	Code Code   // WinHTTP error code
	Op   string // the failing step: "resolve", "connect", "send", "receive", "redirect", "tls", "open", …
	URL  string // the URL being fetched, if any
	Err  error  // underlying cause, may be nil
	// CertErrors holds, for a certificate failure (Code ErrSecureFailure),
	// every problem found that the request's flags did not ignore.
	CertErrors SecurityFlags
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%s (%d)", e.Code.Message(), uint32(e.Code))
	if e.Op != "" {
		msg = e.Op + ": " + msg
	}
	if e.URL != "" {
		msg = msg + " [" + e.URL + "]"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is the same Code, so errors.Is(err, engine.ErrTimeout) works.
func (e *Error) Is(target error) bool {
	c, ok := target.(Code)
	return ok && c == e.Code
}

// CodeOf returns the WinHTTP code carried by err, or 0 if err carries none.
func CodeOf(err error) Code {
	if err == nil {
		return 0
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var c Code
	if errors.As(err, &c) {
		return c
	}
	return 0
}

// CodeFor is CodeOf for a failure that must be reported with some code:
// an ended context becomes ErrTimeout (deadline) or ErrOperationCancelled,
// anything else without a code ErrInternal. nil gives 0.
func CodeFor(err error) Code {
	switch code := CodeOf(err); {
	case err == nil || code != 0:
		return code
	case errors.Is(err, context.DeadlineExceeded):
		return ErrTimeout
	case errors.Is(err, context.Canceled):
		return ErrOperationCancelled
	}
	return ErrInternal
}
