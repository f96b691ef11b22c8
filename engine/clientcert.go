package engine

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// LoadClientCertificate reads a client certificate and its private key from
// a PEM file (certificate and key blocks in one file) or a PKCS#12 file
// (.pfx/.p12, decrypted with password).
//
// A PEM file holds CERTIFICATE blocks (the one matching the key is the
// client certificate, the others its chain) and one PRIVATE KEY, RSA
// PRIVATE KEY or EC PRIVATE KEY block; password is not used for PEM, and
// encrypted PEM keys are refused. A file without a private key fails with
// ErrClientCertNoPrivateKey; an unreadable or unparsable file with
// ErrInvalidParameter naming the path.
func LoadClientCertificate(path, password string) (*tls.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, clientCertError(ErrInvalidParameter, path, fmt.Errorf("cannot read the file: %w", err))
	}
	if bytes.Contains(data, []byte("-----BEGIN")) {
		return loadPEMClientCert(path, data)
	}
	return loadPKCS12ClientCert(path, data, password)
}

func clientCertError(code Code, path string, err error) error {
	return &Error{Code: code, Op: "load client certificate", Err: fmt.Errorf("%s: %w", path, err)}
}

func loadPEMClientCert(path string, data []byte) (*tls.Certificate, error) {
	var certs []*x509.Certificate
	var key crypto.PrivateKey
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		switch block.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, clientCertError(ErrInvalidParameter, path, fmt.Errorf("bad CERTIFICATE block: %w", err))
			}
			certs = append(certs, c)
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if key != nil {
				return nil, clientCertError(ErrInvalidParameter, path, errors.New("more than one private key"))
			}
			if _, encrypted := block.Headers["DEK-Info"]; encrypted {
				return nil, clientCertError(ErrInvalidParameter, path, errors.New("encrypted PEM private keys are not supported; use an unencrypted key or a .pfx file"))
			}
			k, err := parsePEMKey(block)
			if err != nil {
				return nil, clientCertError(ErrInvalidParameter, path, fmt.Errorf("bad %s block: %w", block.Type, err))
			}
			key = k
		case "ENCRYPTED PRIVATE KEY":
			return nil, clientCertError(ErrInvalidParameter, path, errors.New("encrypted PEM private keys are not supported; use an unencrypted key or a .pfx file"))
		}
	}
	if len(certs) == 0 {
		return nil, clientCertError(ErrInvalidParameter, path, errors.New("no CERTIFICATE block"))
	}
	if key == nil {
		return nil, clientCertError(ErrClientCertNoPrivateKey, path, errors.New("no private key block"))
	}
	return assembleClientCert(path, key, certs)
}

func parsePEMKey(block *pem.Block) (crypto.PrivateKey, error) {
	switch block.Type {
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(block.Bytes)
	}
	return x509.ParsePKCS8PrivateKey(block.Bytes)
}

// assembleClientCert puts the certificate whose public key matches key
// first, followed by the others as its chain.
func assembleClientCert(path string, key crypto.PrivateKey, certs []*x509.Certificate) (*tls.Certificate, error) {
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, clientCertError(ErrInvalidParameter, path, fmt.Errorf("unsupported private key type %T", key))
	}
	leafIndex := -1
	for i, c := range certs {
		if publicKeysEqual(c.PublicKey, signer.Public()) {
			leafIndex = i
			break
		}
	}
	if leafIndex < 0 {
		return nil, clientCertError(ErrClientCertNoPrivateKey, path, errors.New("the private key matches none of the certificates"))
	}
	out := &tls.Certificate{PrivateKey: key, Leaf: certs[leafIndex]}
	out.Certificate = append(out.Certificate, certs[leafIndex].Raw)
	for i, c := range certs {
		if i != leafIndex {
			out.Certificate = append(out.Certificate, c.Raw)
		}
	}
	return out, nil
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	switch k := a.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		return k.(equaler).Equal(b)
	}
	return false
}

func loadPKCS12ClientCert(path string, data []byte, password string) (*tls.Certificate, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		switch {
		case errors.Is(err, pkcs12.ErrIncorrectPassword):
			return nil, clientCertError(ErrInvalidParameter, path, errors.New("the password is incorrect"))
		case strings.Contains(err.Error(), "private key missing"):
			return nil, clientCertError(ErrClientCertNoPrivateKey, path, errors.New("the PKCS#12 file holds no private key"))
		}
		return nil, clientCertError(ErrInvalidParameter, path, fmt.Errorf("neither PEM nor a readable PKCS#12 file: %w", err))
	}
	return assembleClientCert(path, key, append([]*x509.Certificate{leaf}, chain...))
}
