package engine

import (
	"net"
	"testing"
	"time"
)

// quietConn is a real TCP connection whose reads and writes do nothing:
// what remains of a timedConn's read and write is the wrapper's own work
// and the socket deadlines it sets, without the system calls that drown
// them in an end-to-end benchmark.
type quietConn struct{ *net.TCPConn }

func (quietConn) Read(p []byte) (int, error)  { return len(p), nil }
func (quietConn) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkTimedConnRequest is one keep-alive request's share of the
// connection wrapper: attach, a write, two reads (the head, the idle
// read that follows), detach, under WinHTTP's default send and receive
// timeouts.
func BenchmarkTimedConnRequest(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			defer c.Close()
			var buf [1]byte
			c.Read(buf[:])
		}
	}()
	raw, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	c := &timedConn{Conn: quietConn{raw.(*net.TCPConn)}}
	h := &hop{timeouts: Timeouts{Send: 30 * time.Second, Receive: 30 * time.Second}}
	p := make([]byte, 64)
	b.ReportAllocs()
	for b.Loop() {
		c.attach(h)
		c.Write(p)
		c.Read(p)
		c.Read(p)
		c.detach(h)
	}
}
