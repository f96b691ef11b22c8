package engine

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"testing"
	"time"
)

// testCert is a certificate made for a test, with its key and issuer.
type testCert struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// certSpec describes a certificate to make; zero fields take defaults
// (valid from an hour ago for a day, server auth, the given names).
type certSpec struct {
	cn        string
	dnsNames  []string
	ips       []net.IP
	notBefore time.Time
	notAfter  time.Time
	extUsage  []x509.ExtKeyUsage
	isCA      bool
	crl       []string
	key       crypto.Signer
}

// makeCert creates a certificate from spec signed by issuer (self-signed
// when issuer is nil).
func makeCert(t *testing.T, spec certSpec, issuer *testCert) *testCert {
	t.Helper()
	key := spec.key
	if key == nil {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key = k
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: spec.cn, Organization: []string{"winhttpjs test"}},
		DNSNames:              spec.dnsNames,
		IPAddresses:           spec.ips,
		NotBefore:             spec.notBefore,
		NotAfter:              spec.notAfter,
		ExtKeyUsage:           spec.extUsage,
		BasicConstraintsValid: true,
		IsCA:                  spec.isCA,
		CRLDistributionPoints: spec.crl,
	}
	if tmpl.NotBefore.IsZero() {
		tmpl.NotBefore = now.Add(-time.Hour)
	}
	if tmpl.NotAfter.IsZero() {
		tmpl.NotAfter = now.Add(24 * time.Hour)
	}
	if spec.isCA {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	} else {
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		if tmpl.ExtKeyUsage == nil {
			tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		}
	}
	parent, signer := tmpl, key
	if issuer != nil {
		parent, signer = issuer.cert, issuer.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &testCert{cert: cert, key: key}
}

// tlsCert is the tls.Certificate for leaf followed by chain.
func tlsCert(leaf *testCert, chain ...*testCert) tls.Certificate {
	c := tls.Certificate{PrivateKey: leaf.key, Leaf: leaf.cert, Certificate: [][]byte{leaf.cert.Raw}}
	for _, x := range chain {
		c.Certificate = append(c.Certificate, x.cert.Raw)
	}
	return c
}

// runHandshake serves serverCfg on a loopback listener and returns the
// client's handshake error and the negotiated version.
func runHandshake(t *testing.T, serverCfg *tls.Config, clientCfg *tls.Config) (uint16, error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		srv := tls.Server(conn, serverCfg)
		if srv.Handshake() == nil {
			// Read until the client closes, so that a TLS 1.3 client sees
			// the server's verdict on its certificate.
			buf := make([]byte, 1)
			_, _ = srv.Read(buf)
		}
	}()
	conn, err := net.DialTimeout("tcp", ln.Addr().String(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	client := tls.Client(conn, clientCfg)
	err = client.Handshake()
	if err == nil && serverCfg.ClientAuth != tls.NoClientCert {
		// TLS 1.3 servers reject a client certificate after the client's
		// handshake has finished; a read surfaces that alert.
		_ = client.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		_, rerr := client.Read(make([]byte, 1))
		var ne net.Error
		if rerr != nil && !(errors.As(rerr, &ne) && ne.Timeout()) {
			err = rerr
		}
	}
	version := client.ConnectionState().Version
	client.Close()
	<-done
	return version, err
}
