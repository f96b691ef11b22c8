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
	return serve(t, func(b *dnsmessage.Builder, q dnsmessage.Question) {
		if q.Type != dnsmessage.TypeA {
			return
		}
		for i := 1; i <= n; i++ {
			b.AResource(dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60},
				dnsmessage.AResource{A: [4]byte{127, 0, 0, byte(i)}})
		}
	}, dnsmessage.RCodeSuccess)
}

// NXDomainResolver returns a resolver for which no name exists.
func NXDomainResolver(t testing.TB) *net.Resolver {
	t.Helper()
	return serve(t, func(*dnsmessage.Builder, dnsmessage.Question) {}, dnsmessage.RCodeNameError)
}

// serve runs a loopback DNS server whose replies carry rcode and the
// answers that answer adds, and returns a resolver that asks it.
func serve(t testing.TB, answer func(*dnsmessage.Builder, dnsmessage.Question), rcode dnsmessage.RCode) *net.Resolver {
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
			if msg, ok := reply(buf[:k], answer, rcode); ok {
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

// reply builds the answer to one query.
func reply(query []byte, answer func(*dnsmessage.Builder, dnsmessage.Question), rcode dnsmessage.RCode) ([]byte, bool) {
	var p dnsmessage.Parser
	hdr, err := p.Start(query)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	b := dnsmessage.NewBuilder(nil, dnsmessage.Header{ID: hdr.ID, Response: true, Authoritative: true,
		RecursionDesired: hdr.RecursionDesired, RecursionAvailable: true, RCode: rcode})
	b.StartQuestions()
	b.Question(q)
	b.StartAnswers()
	answer(&b, q)
	msg, err := b.Finish()
	return msg, err == nil
}
