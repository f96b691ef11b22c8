package engine

// CallbackStatus is a WINHTTP_CALLBACK_STATUS_* value.
type CallbackStatus uint32

// Status notifications with WinHTTP's values.
const (
	StatusResolvingName        CallbackStatus = 0x00000001
	StatusNameResolved         CallbackStatus = 0x00000002
	StatusConnectingToServer   CallbackStatus = 0x00000004
	StatusConnectedToServer    CallbackStatus = 0x00000008
	StatusSendingRequest       CallbackStatus = 0x00000010
	StatusRequestSent          CallbackStatus = 0x00000020
	StatusReceivingResponse    CallbackStatus = 0x00000040
	StatusResponseReceived     CallbackStatus = 0x00000080
	StatusClosingConnection    CallbackStatus = 0x00000100
	StatusConnectionClosed     CallbackStatus = 0x00000200
	StatusHandleCreated        CallbackStatus = 0x00000400
	StatusHandleClosing        CallbackStatus = 0x00000800
	StatusDetectingProxy       CallbackStatus = 0x00001000
	StatusRedirect             CallbackStatus = 0x00004000
	StatusIntermediateResponse CallbackStatus = 0x00008000
	StatusSecureFailure        CallbackStatus = 0x00010000
	StatusHeadersAvailable     CallbackStatus = 0x00020000
	StatusDataAvailable        CallbackStatus = 0x00040000
	StatusReadComplete         CallbackStatus = 0x00080000
	StatusWriteComplete        CallbackStatus = 0x00100000
	StatusRequestError         CallbackStatus = 0x00200000
	StatusSendRequestComplete  CallbackStatus = 0x00400000
)

// Notification is one status notification.
type Notification struct {
	Status CallbackStatus
	// Info is the notification's data: a string (host name, IP address,
	// redirect URL), an int (bytes sent or received, a 1xx status), or a
	// SecurityFlags value for StatusSecureFailure; nil when WinHTTP passes NULL.
	Info any
}
