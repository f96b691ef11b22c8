package engine

import "sync"

// notifier delivers a Send's status notifications one at a time, and none
// after Send has returned (Go's transport may still be dialling for it).
type notifier struct {
	mu    sync.Mutex
	fn    func(Notification)
	done  bool
	phase map[*hop]int
}

// Phases of a hop's send/receive notifications, so that the ones fired by
// the transport's goroutines and by Send come out in WinHTTP's order.
const (
	phaseNone = iota
	phaseSending
	phaseSent
	phaseReceived
)

// newNotifier returns nil when there is no callback: a nil *notifier
// delivers nothing, and a Send without one allocates none.
func newNotifier(fn func(Notification)) *notifier {
	if fn == nil {
		return nil
	}
	return &notifier{fn: fn, phase: make(map[*hop]int)}
}

func (n *notifier) emit(status CallbackStatus, info any) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.done || n.fn == nil {
		return
	}
	n.fn(Notification{Status: status, Info: info})
}

// advance moves h to phase p, emitting every notification between its
// current phase and p that was not sent yet.
func (n *notifier) advance(h *hop, p int, sent, received int) {
	if n == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.done || n.fn == nil {
		return
	}
	for cur := n.phase[h]; cur < p; cur++ {
		switch cur + 1 {
		case phaseSending:
			n.fn(Notification{Status: StatusSendingRequest})
		case phaseSent:
			n.fn(Notification{Status: StatusRequestSent, Info: sent})
			n.fn(Notification{Status: StatusReceivingResponse})
		case phaseReceived:
			n.fn(Notification{Status: StatusResponseReceived, Info: received})
		}
	}
	if p > n.phase[h] {
		n.phase[h] = p
	}
}

func (n *notifier) stop() {
	if n == nil {
		return
	}
	n.mu.Lock()
	n.done = true
	n.mu.Unlock()
}
