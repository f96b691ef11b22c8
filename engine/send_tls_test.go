package engine

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
)

func newTLSServer(t *testing.T, maxVersion uint16) (*httptest.Server, *connCounter) {
	t.Helper()
	cc := &connCounter{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secure "+r.Proto)
	}))
	srv.Config.ConnState = cc.hook
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.TLS = &tls.Config{MaxVersion: maxVersion}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, cc
}

// httptestTLS starts a TLS test server that does not log handshake
// failures (several tests provoke them on purpose).
func httptestTLS(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestTLS(t *testing.T) {
	srv, _ := newTLSServer(t, 0)
	old, _ := newTLSServer(t, tls.VersionTLS12)
	tests := []struct {
		name      string
		url       string
		sec       Security
		wantCode  Code
		wantOp    string
		wantFlags SecurityFlags
		http10    bool
	}{
		{name: "untrusted CA refused", url: srv.URL, wantCode: ErrSecureFailure, wantOp: "tls", wantFlags: SecurityIgnoreUnknownCA},
		{name: "untrusted CA ignored", url: srv.URL, sec: Security{IgnoreFlags: SecurityIgnoreUnknownCA}},
		{name: "all problems ignored", url: srv.URL, sec: Security{IgnoreFlags: SecurityIgnoreAllCertErrors}},
		{name: "HTTP/1.0 over TLS", url: srv.URL, sec: Security{IgnoreFlags: SecurityIgnoreAllCertErrors}, http10: true},
		{name: "no shared protocol version", url: old.URL,
			sec:      Security{IgnoreFlags: SecurityIgnoreAllCertErrors, Protocols: ProtocolTLS13},
			wantCode: ErrConnectionError, wantOp: "tls"},
		{name: "no usable protocol in the mask", url: srv.URL,
			sec:      Security{IgnoreFlags: SecurityIgnoreAllCertErrors, Protocols: ProtocolSSL3},
			wantCode: ErrSecureFailure, wantOp: "tls"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, SessionOptions{})
			r := mustRequest(t, s, "GET", tt.url+"/x")
			r.Security = tt.sec
			r.HTTP10 = tt.http10
			var secure []Notification
			r.Notify = func(n Notification) {
				if n.Status == StatusSecureFailure {
					secure = append(secure, n)
				}
			}
			resp, err := r.Send(context.Background(), nil)
			if tt.wantCode != 0 {
				wantCode(t, err, tt.wantCode, tt.wantOp)
				if got := err.(*Error).CertErrors; got != tt.wantFlags {
					t.Fatalf("CertErrors = %#x, want %#x", got, tt.wantFlags)
				}
				wantNotes := 0
				if tt.wantFlags != 0 {
					wantNotes = 1
				}
				if len(secure) != wantNotes || wantNotes == 1 && secure[0].Info != tt.wantFlags {
					t.Fatalf("SecureFailure notifications %+v, want %d with %#x", secure, wantNotes, tt.wantFlags)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := "secure HTTP/1.1"
			if tt.http10 {
				want = "secure HTTP/1.0"
			}
			if string(body) != want {
				t.Fatalf("body %q, want %q", body, want)
			}
		})
	}
}

// A pooled connection made under one TLS policy never serves a request
// with another.
func TestPoolSeparatesTLSPolicies(t *testing.T) {
	srv, cc := newTLSServer(t, 0)
	s := testSession(t, SessionOptions{})
	policies := []SecurityFlags{
		SecurityIgnoreAllCertErrors,
		SecurityIgnoreUnknownCA,
		SecurityIgnoreAllCertErrors,
		SecurityIgnoreUnknownCA,
	}
	for _, f := range policies {
		r := mustRequest(t, s, "GET", srv.URL)
		r.Security.IgnoreFlags = f
		fetch(t, r, nil)
	}
	if got := cc.count(); got != 2 {
		t.Fatalf("%d connections for 2 policies, want 2", got)
	}
}
