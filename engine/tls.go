package engine

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
)

// tlsConfig returns the client TLS configuration for serverName under sec.
// Certificate problems not ignored by sec.IgnoreFlags make the handshake
// fail with an error that certProblems recognises. Owned by the security
// part of the engine (tls*.go).
func tlsConfig(serverName string, sec Security) (*tls.Config, error) {
	return tlsConfigWithRoots(serverName, sec, nil)
}

// tlsConfigWithRoots is tlsConfig trusting roots instead of the system's
// (nil means the system's), so tests can stand up their own CA.
func tlsConfigWithRoots(serverName string, sec Security, roots *x509.CertPool) (*tls.Config, error) {
	minV, maxV, err := tlsVersions(sec.Protocols)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{
		ServerName: serverName,
		MinVersion: minV,
		MaxVersion: maxV,
		// The engine verifies the certificate itself so that each problem
		// is found and can be ignored on its own, as SECURITY_FLAG_IGNORE_*
		// are; crypto/tls's verifier stops at the first problem.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			return verifyServer(cs.PeerCertificates, serverName, sec, roots)
		},
		// IIS asks for client certificates by renegotiating.
		Renegotiation: tls.RenegotiateOnceAsClient,
	}
	if cert := sec.ClientCertificate; cert != nil {
		if len(cert.Certificate) == 0 {
			return nil, &Error{Code: ErrInvalidParameter, Op: "tls", Err: errors.New("client certificate has no certificate data")}
		}
		if cert.PrivateKey == nil {
			return nil, &Error{Code: ErrClientCertNoPrivateKey, Op: "tls", Err: errors.New("client certificate has no private key")}
		}
		// Presented whenever the server asks, even if its list of
		// acceptable CAs does not name the issuer: WinHTTP sends the
		// certificate it was given and lets the server decide.
		cfg.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			return cert, nil
		}
	}
	return cfg, nil
}

// tlsVersions maps a WINHTTP_FLAG_SECURE_PROTOCOL_* mask to the span of
// TLS versions it selects. crypto/tls takes a range, so a mask with a hole
// (TLS 1.0 and 1.2 without 1.1) also allows the versions in between.
func tlsVersions(p Protocols) (minV, maxV uint16, err error) {
	if p == 0 {
		p = DefaultProtocols
	}
	bits := []struct {
		bit     Protocols
		version uint16
	}{
		{ProtocolTLS1, tls.VersionTLS10},
		{ProtocolTLS11, tls.VersionTLS11},
		{ProtocolTLS12, tls.VersionTLS12},
		{ProtocolTLS13, tls.VersionTLS13},
	}
	for _, b := range bits {
		if p&b.bit == 0 {
			continue
		}
		if minV == 0 {
			minV = b.version
		}
		maxV = b.version
	}
	if minV == 0 {
		return 0, 0, &Error{
			Code: ErrSecureFailure,
			Op:   "tls",
			Err:  fmt.Errorf("secure protocols 0x%X select no supported protocol (SSL 2.0 and 3.0 are not supported; use TLS 1.0 0x80, TLS 1.1 0x200, TLS 1.2 0x800 or TLS 1.3 0x2000)", uint32(p)),
		}
	}
	return minV, maxV, nil
}

// certProblems reports the certificate problems a handshake error carries
// (0 if err is not a certificate failure from tlsConfig's verifier).
func certProblems(err error) SecurityFlags {
	var ce *CertificateError
	if errors.As(err, &ce) {
		return ce.Unignored()
	}
	return 0
}
