package engine

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"strings"
	"testing"
	"time"
)

const (
	unknownCA = SecurityIgnoreUnknownCA
	wrongUse  = SecurityIgnoreWrongUsage
	badCN     = SecurityIgnoreCNInvalid
	badDate   = SecurityIgnoreDateInvalid
)

func TestTLSCertificateProblems(t *testing.T) {
	now := time.Now()
	root := makeCert(t, certSpec{cn: "Test Root", isCA: true, notBefore: now.Add(-30 * 24 * time.Hour), notAfter: now.Add(10 * 365 * 24 * time.Hour)}, nil)
	otherRoot := makeCert(t, certSpec{cn: "Untrusted Root", isCA: true}, nil)
	roots := x509.NewCertPool()
	inter := makeCert(t, certSpec{cn: "Test Intermediate", isCA: true}, root)
	// A root created after the leaf expired: no instant has the whole
	// chain valid, and the chain must still count as trusted.
	lateRoot := makeCert(t, certSpec{cn: "Late Root", isCA: true}, nil)
	roots.AddCert(lateRoot.cert)
	expiredInter := makeCert(t, certSpec{cn: "Expired Intermediate", isCA: true,
		notBefore: now.Add(-48 * time.Hour), notAfter: now.Add(-time.Hour)}, root)
	roots.AddCert(root.cert)

	host := []string{"good.test"}
	expired := certSpec{cn: "leaf", dnsNames: host, notBefore: now.Add(-48 * time.Hour), notAfter: now.Add(-24 * time.Hour)}
	certs := map[string]tls.Certificate{
		"good":                 tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host}, root)),
		"good via inter":       tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host}, inter), inter),
		"wildcard":             tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"*.test"}}, root)),
		"cn only":              tlsCert(makeCert(t, certSpec{cn: "good.test"}, root)),
		"wrong host":           tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"other.test"}}, root)),
		"expired":              tlsCert(makeCert(t, expired, root)),
		"expired, late root":   tlsCert(makeCert(t, expired, lateRoot)),
		"not yet valid":        tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host, notBefore: now.Add(time.Hour), notAfter: now.Add(48 * time.Hour)}, root)),
		"client auth only":     tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host, extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, root)),
		"any usage":            tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host, extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}, root)),
		"self-signed":          tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host}, nil)),
		"unknown CA":           tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host}, otherRoot)),
		"unknown CA + expired": tlsCert(makeCert(t, expired, otherRoot)),
		"wrong host + expired": tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"other.test"},
			notBefore: now.Add(-48 * time.Hour), notAfter: now.Add(-24 * time.Hour)}, root)),
		"expired intermediate": tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: host,
			notBefore: now.Add(-47 * time.Hour), notAfter: now.Add(24 * time.Hour)}, expiredInter), expiredInter),
		"everything wrong": tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"other.test"},
			notBefore: now.Add(-48 * time.Hour), notAfter: now.Add(-24 * time.Hour),
			extUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, nil)),
	}

	tests := []struct {
		cert     string
		ignore   SecurityFlags
		problems SecurityFlags // every problem present
		wantFail bool
	}{
		{"good", 0, 0, false},
		{"good via inter", 0, 0, false},
		{"wildcard", 0, 0, false},
		{"cn only", 0, 0, false},
		{"wrong host", 0, badCN, true},
		{"wrong host", badCN, badCN, false},
		{"wrong host", badDate | unknownCA | wrongUse, badCN, true},
		{"expired", 0, badDate, true},
		{"expired", badDate, badDate, false},
		{"expired, late root", 0, badDate, true},
		{"expired, late root", badDate, badDate, false},
		{"not yet valid", 0, badDate, true},
		{"not yet valid", badDate, badDate, false},
		{"client auth only", 0, wrongUse, true},
		{"client auth only", wrongUse, wrongUse, false},
		{"any usage", 0, 0, false},
		{"self-signed", 0, unknownCA, true},
		{"self-signed", unknownCA, unknownCA, false},
		{"unknown CA", 0, unknownCA, true},
		{"unknown CA", badDate, unknownCA, true},
		{"unknown CA", unknownCA, unknownCA, false},
		{"unknown CA + expired", 0, unknownCA | badDate, true},
		{"unknown CA + expired", badDate, unknownCA | badDate, true},
		{"unknown CA + expired", unknownCA, unknownCA | badDate, true},
		{"unknown CA + expired", unknownCA | badDate, unknownCA | badDate, false},
		{"wrong host + expired", badCN, badCN | badDate, true},
		{"wrong host + expired", badCN | badDate, badCN | badDate, false},
		{"expired intermediate", 0, badDate, true},
		{"expired intermediate", badDate, badDate, false},
		{"everything wrong", SecurityIgnoreAllCertErrors &^ wrongUse, unknownCA | wrongUse | badCN | badDate, true},
		{"everything wrong", SecurityIgnoreAllCertErrors, unknownCA | wrongUse | badCN | badDate, false},
	}
	for _, tc := range tests {
		t.Run(tc.cert+"/ignore=0x"+strings.ToUpper(hex16(uint32(tc.ignore))), func(t *testing.T) {
			clientCfg, err := tlsConfigWithRoots("good.test", Security{IgnoreFlags: tc.ignore}, roots)
			if err != nil {
				t.Fatal(err)
			}
			_, err = runHandshake(t, &tls.Config{Certificates: []tls.Certificate{certs[tc.cert]}}, clientCfg)
			if (err != nil) != tc.wantFail {
				t.Fatalf("handshake error = %v, want failure %v", err, tc.wantFail)
			}
			if !tc.wantFail {
				return
			}
			if got, want := certProblems(err), tc.problems&^tc.ignore; got != want {
				t.Errorf("certProblems = 0x%X, want 0x%X", uint32(got), uint32(want))
			}
			var ce *CertificateError
			if !errors.As(err, &ce) || ce.Problems != tc.problems || ce.Ignored != tc.ignore {
				t.Fatalf("error %v: want CertificateError with problems 0x%X", err, uint32(tc.problems))
			}
			if CodeOf(err) != ErrSecureFailure {
				t.Errorf("CodeOf = %d, want %d", CodeOf(err), ErrSecureFailure)
			}
		})
	}
}

func hex16(v uint32) string {
	const digits = "0123456789abcdef"
	out := []byte{}
	for shift := 12; shift >= 0; shift -= 4 {
		out = append(out, digits[(v>>uint(shift))&0xF])
	}
	return string(out)
}

func TestTLSCertificateProblemsNotWrapped(t *testing.T) {
	if got := certProblems(errors.New("remote error: tls: handshake failure")); got != 0 {
		t.Fatalf("certProblems(other error) = 0x%X, want 0", uint32(got))
	}
	if got := certProblems(nil); got != 0 {
		t.Fatalf("certProblems(nil) = 0x%X, want 0", uint32(got))
	}
	wrapped := &Error{Code: ErrSecureFailure, Op: "tls", Err: &CertificateError{Problems: badCN | badDate, Ignored: badDate}}
	if got := certProblems(wrapped); got != badCN {
		t.Fatalf("certProblems(wrapped) = 0x%X, want 0x%X", uint32(got), uint32(badCN))
	}
}

func TestTLSProtocolVersions(t *testing.T) {
	tests := []struct {
		protocols Protocols
		min, max  uint16
		errText   string
	}{
		{0, tls.VersionTLS10, tls.VersionTLS13, ""},
		{DefaultProtocols, tls.VersionTLS10, tls.VersionTLS13, ""},
		{ProtocolTLS1, tls.VersionTLS10, tls.VersionTLS10, ""},
		{ProtocolTLS11, tls.VersionTLS11, tls.VersionTLS11, ""},
		{ProtocolTLS12, tls.VersionTLS12, tls.VersionTLS12, ""},
		{ProtocolTLS13, tls.VersionTLS13, tls.VersionTLS13, ""},
		{ProtocolTLS12 | ProtocolTLS13, tls.VersionTLS12, tls.VersionTLS13, ""},
		{ProtocolTLS1 | ProtocolTLS12, tls.VersionTLS10, tls.VersionTLS12, ""},
		{ProtocolSSL3 | ProtocolTLS12, tls.VersionTLS12, tls.VersionTLS12, ""},
		{0xA8, tls.VersionTLS10, tls.VersionTLS10, ""}, // SecureProtocol_ALL: SSL2|SSL3|TLS1
		{ProtocolSSL3, 0, 0, "secure protocols 0x20 select no supported protocol"},
		{ProtocolSSL2 | ProtocolSSL3, 0, 0, "secure protocols 0x28 select no supported protocol"},
		{0x4000, 0, 0, "secure protocols 0x4000 select no supported protocol"},
	}
	for _, tc := range tests {
		cfg, err := tlsConfig("host", Security{Protocols: tc.protocols})
		if tc.errText != "" {
			if cfg != nil || CodeOf(err) != ErrSecureFailure || !strings.Contains(err.Error(), tc.errText) {
				t.Errorf("protocols 0x%X: cfg=%v err=%v; want ErrSecureFailure %q", uint32(tc.protocols), cfg, err, tc.errText)
			}
			continue
		}
		if err != nil || cfg.MinVersion != tc.min || cfg.MaxVersion != tc.max {
			t.Errorf("protocols 0x%X: err=%v min=%x max=%x; want %x..%x", uint32(tc.protocols), err, cfg.MinVersion, cfg.MaxVersion, tc.min, tc.max)
		}
	}
}

func TestTLSProtocolHandshakes(t *testing.T) {
	root := makeCert(t, certSpec{cn: "Root", isCA: true}, nil)
	roots := x509.NewCertPool()
	roots.AddCert(root.cert)
	leaf := tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"good.test"}}, root))

	tests := []struct {
		name        string
		serverMin   uint16
		serverMax   uint16
		client      Protocols
		wantVersion uint16 // 0: the handshake fails
	}{
		{"default negotiates 1.3", tls.VersionTLS12, tls.VersionTLS13, 0, tls.VersionTLS13},
		{"server 1.2 only, client default", tls.VersionTLS12, tls.VersionTLS12, 0, tls.VersionTLS12},
		{"server 1.2 only, client 1.3 only", tls.VersionTLS12, tls.VersionTLS12, ProtocolTLS13, 0},
		{"server 1.3 only, client 1.2 only", tls.VersionTLS13, tls.VersionTLS13, ProtocolTLS12, 0},
		{"server 1.3, client 1.2 and 1.3", tls.VersionTLS12, tls.VersionTLS13, ProtocolTLS12 | ProtocolTLS13, tls.VersionTLS13},
		{"client 1.2 caps the version", tls.VersionTLS12, tls.VersionTLS13, ProtocolTLS12, tls.VersionTLS12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clientCfg, err := tlsConfigWithRoots("good.test", Security{Protocols: tc.client}, roots)
			if err != nil {
				t.Fatal(err)
			}
			server := &tls.Config{Certificates: []tls.Certificate{leaf}, MinVersion: tc.serverMin, MaxVersion: tc.serverMax}
			version, err := runHandshake(t, server, clientCfg)
			if tc.wantVersion == 0 {
				if err == nil {
					t.Fatalf("handshake succeeded with version %x, want failure", version)
				}
				if certProblems(err) != 0 {
					t.Fatalf("protocol failure reported as certificate problems: %v", err)
				}
				return
			}
			if err != nil || version != tc.wantVersion {
				t.Fatalf("version %x, err %v; want %x", version, err, tc.wantVersion)
			}
		})
	}
}

func TestTLSRevocationCheck(t *testing.T) {
	root := makeCert(t, certSpec{cn: "Root", isCA: true}, nil)
	roots := x509.NewCertPool()
	roots.AddCert(root.cert)
	withCRL := tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"good.test"}, crl: []string{"http://127.0.0.1:1/crl"}}, root))
	without := tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"good.test"}}, root))

	tests := []struct {
		name     string
		cert     tls.Certificate
		sec      Security
		wantCode Code // 0: success
	}{
		{"no check, crl named", withCRL, Security{}, 0},
		{"check, crl named", withCRL, Security{CheckRevocation: true}, ErrSecureCertRevFailed},
		{"check, crl named, all ignored", withCRL, Security{CheckRevocation: true, IgnoreFlags: SecurityIgnoreAllCertErrors}, ErrSecureCertRevFailed},
		{"check, nothing named", without, Security{CheckRevocation: true}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clientCfg, err := tlsConfigWithRoots("good.test", tc.sec, roots)
			if err != nil {
				t.Fatal(err)
			}
			_, err = runHandshake(t, &tls.Config{Certificates: []tls.Certificate{tc.cert}}, clientCfg)
			if CodeOf(err) != tc.wantCode {
				t.Fatalf("error %v (code %d), want code %d", err, CodeOf(err), tc.wantCode)
			}
			if err != nil && certProblems(err) != 0 {
				t.Fatalf("revocation failure reported as certificate problems 0x%X", uint32(certProblems(err)))
			}
		})
	}
}

func TestTLSSystemRoots(t *testing.T) {
	// tlsConfig trusts the system's roots only, so a test CA is unknown.
	root := makeCert(t, certSpec{cn: "Root", isCA: true}, nil)
	leaf := tlsCert(makeCert(t, certSpec{cn: "leaf", dnsNames: []string{"good.test"}}, root))
	clientCfg, err := tlsConfig("good.test", Security{})
	if err != nil {
		t.Fatal(err)
	}
	if clientCfg.ServerName != "good.test" || !clientCfg.InsecureSkipVerify || clientCfg.VerifyConnection == nil {
		t.Fatalf("config does not verify by itself: %+v", clientCfg)
	}
	_, err = runHandshake(t, &tls.Config{Certificates: []tls.Certificate{leaf}}, clientCfg)
	if got := certProblems(err); got != unknownCA {
		t.Fatalf("certProblems = 0x%X (err %v), want 0x%X", uint32(got), err, uint32(unknownCA))
	}
}
