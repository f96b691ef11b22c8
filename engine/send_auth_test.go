package engine

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// basicServer demands Basic credentials u:p and logs what it was sent.
func basicServer(t *testing.T) (string, *seen, *connCounter) {
	log := &seen{}
	srv, cc := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r)
		if user, pass, ok := r.BasicAuth(); !ok || user != "u" || pass != "p" {
			w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, "denied")
			return
		}
		io.WriteString(w, "welcome")
	}))
	return srv.URL, log, cc
}

func TestServerAuthentication(t *testing.T) {
	url, log, cc := basicServer(t)
	const good = "Basic dTpw" // u:p
	tests := []struct {
		name        string
		creds       *Credentials
		disable     bool
		method      string
		body        string
		reader      bool
		wantStatus  int
		wantBody    string
		wantAuths   []string // Authorization of each request the server saw
		wantBodies  []string
		wantNewConn int
	}{
		{name: "no credentials returns the 401", wantStatus: 401, wantBody: "denied", wantAuths: []string{""}, wantNewConn: 1},
		{name: "credentials answer the challenge on the same connection", creds: &Credentials{Username: "u", Password: "p"},
			wantStatus: 200, wantBody: "welcome", wantAuths: []string{"", good}, wantNewConn: 1},
		{name: "wrong credentials return the second 401", creds: &Credentials{Username: "u", Password: "x"},
			wantStatus: 401, wantBody: "denied", wantAuths: []string{"", "Basic dTp4"}, wantNewConn: 1},
		{name: "DisableAuth returns the 401", creds: &Credentials{Username: "u", Password: "p"}, disable: true,
			wantStatus: 401, wantBody: "denied", wantAuths: []string{""}, wantNewConn: 1},
		{name: "scheme not allowed returns the 401", creds: &Credentials{Username: "u", Password: "p", Schemes: AuthNTLM},
			wantStatus: 401, wantBody: "denied", wantAuths: []string{""}, wantNewConn: 1},
		{name: "body re-sent with the answer", creds: &Credentials{Username: "u", Password: "p"}, method: "POST", body: "data",
			wantStatus: 200, wantBody: "welcome", wantAuths: []string{"", good}, wantBodies: []string{"data", "data"}, wantNewConn: 1},
		{name: "streamed body is not replayed", creds: &Credentials{Username: "u", Password: "p"}, method: "POST", body: "data", reader: true,
			wantStatus: 401, wantBody: "denied", wantAuths: []string{""}, wantBodies: []string{"data"}, wantNewConn: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSession(t, SessionOptions{})
			beforeReqs, beforeConns := len(log.all()), cc.count()
			method := tt.method
			if method == "" {
				method = "GET"
			}
			r := mustRequest(t, s, method, url+"/secret")
			r.ServerCredentials = tt.creds
			r.DisableAuth = tt.disable
			var resp *Response
			var err error
			if tt.reader {
				resp, err = r.SendReader(context.Background(), strings.NewReader(tt.body), int64(len(tt.body)))
			} else {
				resp, err = r.Send(context.Background(), []byte(tt.body))
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus || string(body) != tt.wantBody {
				t.Fatalf("got %d %q, want %d %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			got := log.all()[beforeReqs:]
			var auths, bodies []string
			for _, g := range got {
				auths = append(auths, g.auth)
				bodies = append(bodies, g.body)
			}
			if strings.Join(auths, "|") != strings.Join(tt.wantAuths, "|") {
				t.Fatalf("Authorization per request %q, want %q", auths, tt.wantAuths)
			}
			if tt.wantBodies != nil && strings.Join(bodies, "|") != strings.Join(tt.wantBodies, "|") {
				t.Fatalf("bodies per request %q, want %q", bodies, tt.wantBodies)
			}
			if n := cc.count() - beforeConns; n != tt.wantNewConn {
				t.Fatalf("%d new connections, want %d", n, tt.wantNewConn)
			}
		})
	}
}
