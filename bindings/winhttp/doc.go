// Package winhttp is the WinHttp.WinHttpRequest.5.1 automation object for
// goja: the members, state rules, options and errors of Windows'
// IWinHttpRequest, carried out by the engine package.
//
// Threading: every member runs on the script's goroutine. A Send runs the
// network exchange on a worker goroutine that touches only its transfer;
// the script goroutine waits for it (synchronous Send, WaitForResponse) and
// delivers the object's events while it waits, as WinHTTP pumps messages.
package winhttp
