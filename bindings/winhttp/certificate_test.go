package winhttp_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clientPEM writes a self-signed client certificate and its key to one PEM
// file and returns the path.
func clientPEM(t *testing.T, cn string) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	data = append(data, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})...)
	path := filepath.Join(t.TempDir(), "client.pem")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestClientCertificate(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.TLS.PeerCertificates) == 0 {
			_, _ = io.WriteString(w, "anonymous")
			return
		}
		_, _ = io.WriteString(w, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequestClientCert}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	path := clientPEM(t, "script-client")
	js := strings.ReplaceAll(path, `\`, `\\`)

	e := newEnv(t)
	e.run(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Option(4, __winhttpjs_propput__).value = 0x3300;
r.Open("GET", "` + srv.URL + `"); r.Send();`)
	if got := e.str(`r.ResponseText`); got != "anonymous" {
		t.Errorf("without a certificate: %q", got)
	}
	e.run(`r.SetClientCertificate("` + js + `"); r.Open("GET", "` + srv.URL + `"); r.Send();`)
	if got := e.str(`r.ResponseText + " " + (r.Option(5) === "` + js + `")`); got != "script-client true" {
		t.Errorf("with a certificate: %q", got)
	}

	notCert := filepath.Join(t.TempDir(), "not-a-cert.pem")
	if err := os.WriteFile(notCert, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ selector, mention string }{
		{`LOCAL_MACHINE\\My\\Middle-Tier Certificate`, "PEM"},
		{`/no/such/file.pfx|secret`, "/no/such/file.pfx"},
		{strings.ReplaceAll(notCert, `\`, `\\`), "not-a-cert.pem"},
	}
	for _, tt := range tests {
		got := e.fail(`r.SetClientCertificate("` + tt.selector + `")`)
		if !got.isCOM || got.hr>>31 != 1 || !strings.Contains(got.description, tt.mention) {
			t.Errorf("%s: %#x %q", tt.selector, got.hr, got.description)
		}
	}
	if got := e.fail(`r.SetClientCertificate("CURRENT_USER\\My\\x")`); got.hr != 0x80092004 {
		t.Errorf("store selector: %#x", got.hr)
	}
}
