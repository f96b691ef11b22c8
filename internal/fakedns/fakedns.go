// Package fakedns answers DNS queries on loopback for tests, so that name
// resolution can be steered without a network.
package fakedns

import (
	"context"
	"net"
	"testing"

	"golang.org/x/net/dns/dnsmessage"
)

// LoopbackResolver returns a resolver whose A queries are answered with
// 127.0.0.1 … 127.0.0.n. The server stops when the test ends.
func LoopbackResolver(t testing.TB, n int) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 1500)
		for {
			k, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if msg, ok := answer(buf[:k], n); ok {
				pc.WriteTo(msg, addr)
			}
		}
	}()
	t.Cleanup(func() { pc.Close(); <-done })
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "udp", pc.LocalAddr().String())
		},
	}
}

// answer builds the reply to one query: n loopback addresses for an A
// question, none for any other.
func answer(query []byte, n int) ([]byte, bool) {
	var p dnsmessage.Parser
	hdr, err := p.Start(query)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: hdr.ID, Response: true, Authoritative: true})
	b.StartQuestions()
	b.Question(q)
	b.StartAnswers()
	if q.Type == dnsmessage.TypeA {
		for i := 1; i <= n; i++ {
			b.AResource(dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60},
				dnsmessage.AResource{A: [4]byte{127, 0, 0, byte(i)}})
		}
	}
	msg, err := b.Finish()
	return msg, err == nil
}
