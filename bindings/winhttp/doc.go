// Package winhttp is the WinHttp.WinHttpRequest.5.1 automation object for
// goja: the members, state rules, options and errors of Windows'
// IWinHttpRequest, carried out by the engine package.
//
// Threading: every member runs on the script's goroutine. A Send runs the
// network exchange on a worker goroutine that touches only its transfer;
// the script goroutine waits for it (synchronous Send, WaitForResponse) and
// delivers the object's events while it waits, as WinHTTP pumps messages.
//
// Asynchronous requests in a host with an event loop (Config.Loop): the
// transfer holds one reservation of the loop from Send until it has ended
// and its last event was delivered, so the script cannot end before it.
// Each batch of events is handed to the script goroutine as a loop job, so
// events are delivered whenever the loop runs — while the script sleeps or
// waits, and after its code has finished — in WinHTTP's order:
// OnResponseStart, OnResponseDataAvailable*, then OnResponseFinished, or
// OnError. After Abort (or a new Open) no event of the old request is
// delivered, and no handler is re-entered by a later event of the same
// request while it runs (a handler that sleeps receives them afterwards).
package winhttp
