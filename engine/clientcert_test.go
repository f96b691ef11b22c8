package engine

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCertLoadClientCertificateFormats(t *testing.T) {
	root := makeCert(t, certSpec{cn: "Client Root", isCA: true}, nil)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	clientUse := []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	rsaLeaf := makeCert(t, certSpec{cn: "rsa client", extUsage: clientUse, key: rsaKey}, root)
	ecLeaf := makeCert(t, certSpec{cn: "ec client", extUsage: clientUse, key: ecKey}, root)
	pkcs8 := func(k crypto.PrivateKey) []byte {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	sec1, err := x509.MarshalECPrivateKey(ecKey)
	if err != nil {
		t.Fatal(err)
	}
	pfx := func(leaf *testCert, password string) []byte {
		data, err := pkcs12.Modern.Encode(leaf.key, leaf.cert, []*x509.Certificate{root.cert}, password)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	tests := []struct {
		name     string
		file     string
		data     []byte
		password string
		wantCN   string
		wantLen  int // certificates in the chain
	}{
		{"pem pkcs8 rsa", "c.pem", cat(pemBlock("CERTIFICATE", rsaLeaf.cert.Raw), pemBlock("PRIVATE KEY", pkcs8(rsaKey))), "", "rsa client", 1},
		{"pem pkcs1 rsa, key first", "c.pem", cat(pemBlock("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey)), pemBlock("CERTIFICATE", rsaLeaf.cert.Raw)), "", "rsa client", 1},
		{"pem sec1 ec", "c.crt", cat(pemBlock("CERTIFICATE", ecLeaf.cert.Raw), pemBlock("EC PRIVATE KEY", sec1)), "", "ec client", 1},
		{"pem pkcs8 ec, chain before leaf", "c.pem", cat(pemBlock("CERTIFICATE", root.cert.Raw), pemBlock("CERTIFICATE", ecLeaf.cert.Raw), pemBlock("PRIVATE KEY", pkcs8(ecKey))), "", "ec client", 2},
		{"pfx with password", "c.pfx", pfx(ecLeaf, "pw"), "pw", "ec client", 2},
		{"p12 rsa empty password", "c.p12", pfx(rsaLeaf, ""), "", "rsa client", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cert, err := LoadClientCertificate(writeFile(t, tc.file, tc.data), tc.password)
			if err != nil {
				t.Fatalf("LoadClientCertificate: %v", err)
			}
			if cert.Leaf == nil || cert.Leaf.Subject.CommonName != tc.wantCN || len(cert.Certificate) != tc.wantLen {
				t.Fatalf("leaf %v, %d certificates; want %q and %d", cert.Leaf, len(cert.Certificate), tc.wantCN, tc.wantLen)
			}
			if string(cert.Certificate[0]) != string(cert.Leaf.Raw) {
				t.Fatalf("first certificate is not the leaf")
			}

			// A server that requires and verifies client certificates
			// accepts it.
			serverRoot := makeCert(t, certSpec{cn: "Server Root", isCA: true}, nil)
			serverLeaf := tlsCert(makeCert(t, certSpec{cn: "server", dnsNames: []string{"good.test"}}, serverRoot))
			clientCAs := x509.NewCertPool()
			clientCAs.AddCert(root.cert)
			roots := x509.NewCertPool()
			roots.AddCert(serverRoot.cert)
			for _, version := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
				clientCfg, err := tlsConfigWithRoots("good.test", Security{ClientCertificate: cert}, roots)
				if err != nil {
					t.Fatal(err)
				}
				server := &tls.Config{Certificates: []tls.Certificate{serverLeaf}, ClientAuth: tls.RequireAndVerifyClientCert,
					ClientCAs: clientCAs, MaxVersion: version}
				if _, err := runHandshake(t, server, clientCfg); err != nil {
					t.Fatalf("TLS %x handshake with client certificate: %v", version, err)
				}
				// Without the certificate the same server refuses.
				bare, err := tlsConfigWithRoots("good.test", Security{}, roots)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := runHandshake(t, server, bare); err == nil {
					t.Fatalf("TLS %x handshake without client certificate succeeded", version)
				}
			}
		})
	}
}

func TestCertLoadClientCertificateErrors(t *testing.T) {
	root := makeCert(t, certSpec{cn: "Root", isCA: true}, nil)
	leaf := makeCert(t, certSpec{cn: "client", extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, root)
	other := makeCert(t, certSpec{cn: "other"}, root)
	otherKey, err := x509.MarshalPKCS8PrivateKey(other.key)
	if err != nil {
		t.Fatal(err)
	}
	keyless, err := pkcs12.Modern.EncodeTrustStore([]*x509.Certificate{leaf.cert}, "pw")
	if err != nil {
		t.Fatal(err)
	}
	withKey, err := pkcs12.Modern.Encode(leaf.key, leaf.cert, nil, "right")
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		data     []byte // nil: the file does not exist
		password string
		code     Code
		message  string
	}{
		{"missing file", nil, "", ErrInvalidParameter, "cannot read the file"},
		{"pem without key", pemBlock("CERTIFICATE", leaf.cert.Raw), "", ErrClientCertNoPrivateKey, "no private key block"},
		{"pem key of another certificate", append(pemBlock("CERTIFICATE", leaf.cert.Raw), pemBlock("PRIVATE KEY", otherKey)...), "", ErrClientCertNoPrivateKey, "matches none of the certificates"},
		{"pem without certificate", pemBlock("PRIVATE KEY", otherKey), "", ErrInvalidParameter, "no CERTIFICATE block"},
		{"pem encrypted key", append(pemBlock("CERTIFICATE", leaf.cert.Raw), pemBlock("ENCRYPTED PRIVATE KEY", []byte{1})...), "", ErrInvalidParameter, "encrypted PEM private keys are not supported"},
		{"pem bad certificate", pemBlock("CERTIFICATE", []byte("junk")), "", ErrInvalidParameter, "bad CERTIFICATE block"},
		{"pem bad key", append(pemBlock("CERTIFICATE", leaf.cert.Raw), pemBlock("EC PRIVATE KEY", []byte("junk"))...), "", ErrInvalidParameter, "bad EC PRIVATE KEY block"},
		{"pfx without key", keyless, "pw", ErrClientCertNoPrivateKey, "holds no private key"},
		{"pfx wrong password", withKey, "wrong", ErrInvalidParameter, "password is incorrect"},
		{"garbage", []byte("this is neither PEM nor PKCS#12"), "", ErrInvalidParameter, "neither PEM nor a readable PKCS#12 file"},
		{"empty file", []byte{}, "", ErrInvalidParameter, "neither PEM nor a readable PKCS#12 file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "missing.pem")
			if tc.data != nil {
				path = writeFile(t, "cert.bin", tc.data)
			}
			cert, err := LoadClientCertificate(path, tc.password)
			if cert != nil || CodeOf(err) != tc.code {
				t.Fatalf("LoadClientCertificate = %v, %v (code %d); want code %d", cert, err, CodeOf(err), tc.code)
			}
			if !strings.Contains(err.Error(), tc.message) || !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not mention %q and the path", err, tc.message)
			}
		})
	}
}

func TestCertClientCertificateWithoutKey(t *testing.T) {
	leaf := makeCert(t, certSpec{cn: "client"}, nil)
	tests := []struct {
		name string
		cert *tls.Certificate
		code Code
	}{
		{"no private key", &tls.Certificate{Certificate: [][]byte{leaf.cert.Raw}}, ErrClientCertNoPrivateKey},
		{"no certificate", &tls.Certificate{PrivateKey: leaf.key}, ErrInvalidParameter},
	}
	for _, tc := range tests {
		cfg, err := tlsConfig("host", Security{ClientCertificate: tc.cert})
		if cfg != nil || CodeOf(err) != tc.code {
			t.Errorf("%s: tlsConfig = %v, %v; want code %d", tc.name, cfg, err, tc.code)
		}
	}
}
