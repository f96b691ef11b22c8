package engine

import "crypto/tls"

// tlsConfig returns the client TLS configuration for serverName under sec.
// Certificate problems not ignored by sec.IgnoreFlags make the handshake
// fail with an error that certProblems recognises. Owned by the security
// part of the engine (tls*.go).
func tlsConfig(serverName string, sec Security) (*tls.Config, error) {
	panic("TODO")
}

// certProblems reports the certificate problems a handshake error carries
// (0 if err is not a certificate failure from tlsConfig's verifier).
func certProblems(err error) SecurityFlags { panic("TODO") }

// LoadClientCertificate reads a client certificate and its private key from
// a PEM file (certificate and key blocks in one file) or a PKCS#12 file
// (.pfx/.p12, decrypted with password).
func LoadClientCertificate(path, password string) (*tls.Certificate, error) {
	panic("TODO")
}
