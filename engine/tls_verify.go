package engine

import (
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"
)

// CertificateError is the handshake failure for a server certificate with
// problems the request's IgnoreFlags do not cover. Engine errors wrap it;
// reach it with errors.As. CodeOf reports ErrSecureFailure for it.
type CertificateError struct {
	// Problems holds every problem found, ignored or not.
	Problems SecurityFlags
	// Ignored is the request's IgnoreFlags.
	Ignored SecurityFlags
	// Subject names the server certificate.
	Subject string
}

// Unignored returns the problems that made the handshake fail.
func (e *CertificateError) Unignored() SecurityFlags { return e.Problems &^ e.Ignored }

// Error names the certificate and the problems not ignored.
func (e *CertificateError) Error() string {
	return fmt.Sprintf("tls: server certificate %q: %s (flags 0x%X not ignored)", e.Subject, describeCertProblems(e.Unignored()), uint32(e.Unignored()))
}

// As lets CodeOf (errors.As to Code) see the WinHTTP code of the failure.
func (e *CertificateError) As(target any) bool {
	if c, ok := target.(*Code); ok {
		*c = ErrSecureFailure
		return true
	}
	return false
}

func describeCertProblems(f SecurityFlags) string {
	var parts []string
	for _, p := range []struct {
		flag SecurityFlags
		text string
	}{
		{SecurityIgnoreUnknownCA, "issued by an unknown or untrusted certificate authority"},
		{SecurityIgnoreWrongUsage, "not valid for server authentication"},
		{SecurityIgnoreCNInvalid, "host name does not match"},
		{SecurityIgnoreDateInvalid, "expired or not yet valid"},
	} {
		if f&p.flag != 0 {
			parts = append(parts, p.text)
		}
	}
	if len(parts) == 0 {
		return "no problem"
	}
	return strings.Join(parts, "; ")
}

// verifyServer checks the server's chain and fails unless every problem
// found is ignored. With sec.CheckRevocation it then fails with
// ErrSecureCertRevFailed if the chain names a revocation endpoint, since
// revocation is not checked and WinHTTP does not let that failure be
// ignored.
func verifyServer(certs []*x509.Certificate, serverName string, sec Security, roots *x509.CertPool) error {
	if len(certs) == 0 {
		return &CertificateError{Problems: SecurityIgnoreUnknownCA, Ignored: sec.IgnoreFlags, Subject: "(none sent)"}
	}
	problems, chain := certChainProblems(certs, serverName, roots, time.Now())
	if problems&^sec.IgnoreFlags != 0 {
		return &CertificateError{Problems: problems, Ignored: sec.IgnoreFlags, Subject: certs[0].Subject.String()}
	}
	if sec.CheckRevocation {
		for _, c := range chain {
			if len(c.CRLDistributionPoints) > 0 || len(c.OCSPServer) > 0 {
				return &Error{
					Code: ErrSecureCertRevFailed,
					Op:   "tls",
					Err:  fmt.Errorf("certificate %q names revocation servers, and revocation checking is not supported", c.Subject.String()),
				}
			}
		}
	}
	return nil
}

// certChainProblems finds every problem of the chain certs (leaf first,
// as the server sent it) for serverName at now, each on its own: whether
// the chain leads to a trusted root is judged as if the dates were right,
// and the dates are judged on the chain found (or the one sent).
func certChainProblems(certs []*x509.Certificate, serverName string, roots *x509.CertPool, now time.Time) (SecurityFlags, []*x509.Certificate) {
	var problems SecurityFlags
	leaf := certs[0]
	chain := trustedChain(certs, roots, now)
	if chain == nil {
		problems |= SecurityIgnoreUnknownCA
		chain = certs
	}
	for _, c := range chain {
		if now.Before(c.NotBefore) || now.After(c.NotAfter) {
			problems |= SecurityIgnoreDateInvalid
		}
	}
	for i, c := range chain {
		if i > 0 && i == len(chain)-1 && isSelfIssued(c) {
			break // a root's usage is the trust store's business
		}
		if !allowsServerAuth(c) {
			problems |= SecurityIgnoreWrongUsage
		}
	}
	if !hostMatches(leaf, serverName) {
		problems |= SecurityIgnoreCNInvalid
	}
	return problems, chain
}

// trustedChain returns a chain from the leaf to a trusted root, or nil.
// Dates are judged separately, so here the sent certificates are given
// unlimited validity (signatures are checked on their unchanged raw
// bytes), and a root that is not valid now is tried at instants of the
// sent certificates' validity.
func trustedChain(certs []*x509.Certificate, roots *x509.CertPool, now time.Time) []*x509.Certificate {
	original := map[*x509.Certificate]*x509.Certificate{}
	timeless := make([]*x509.Certificate, len(certs))
	for i, c := range certs {
		cp := *c
		cp.NotBefore, cp.NotAfter = time.Time{}, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		timeless[i] = &cp
		original[&cp] = c
	}
	intermediates := x509.NewCertPool()
	for _, c := range timeless[1:] {
		intermediates.AddCert(c)
	}
	times := []time.Time{now}
	for _, c := range certs {
		times = append(times, c.NotBefore, c.NotBefore.Add(c.NotAfter.Sub(c.NotBefore)/2), c.NotAfter)
	}
	for _, t := range times {
		chains, err := timeless[0].Verify(x509.VerifyOptions{
			Roots:         roots,
			Intermediates: intermediates,
			CurrentTime:   t,
			KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err == nil && len(chains) > 0 {
			chain := make([]*x509.Certificate, len(chains[0]))
			for i, c := range chains[0] {
				if o, ok := original[c]; ok {
					c = o
				}
				chain[i] = c
			}
			return chain
		}
		var invalid x509.CertificateInvalidError
		if errors.As(err, &invalid) && invalid.Reason != x509.Expired {
			return nil // not a matter of dates: no other instant helps
		}
	}
	return nil
}

func isSelfIssued(c *x509.Certificate) bool {
	return string(c.RawSubject) == string(c.RawIssuer)
}

// allowsServerAuth reports whether c's extended key usage permits server
// authentication; no extension means any use.
func allowsServerAuth(c *x509.Certificate) bool {
	if len(c.ExtKeyUsage) == 0 && len(c.UnknownExtKeyUsage) == 0 {
		return true
	}
	for _, u := range c.ExtKeyUsage {
		if u == x509.ExtKeyUsageServerAuth || u == x509.ExtKeyUsageAny {
			return true
		}
	}
	return false
}

// hostMatches checks serverName against the leaf's subject alternative
// names, or, when it has none, its common name, as Windows still does.
func hostMatches(leaf *x509.Certificate, serverName string) bool {
	if serverName == "" {
		return false
	}
	if leaf.VerifyHostname(serverName) == nil {
		return true
	}
	if len(leaf.DNSNames) > 0 || len(leaf.IPAddresses) > 0 || leaf.Subject.CommonName == "" {
		return false
	}
	byCN := *leaf
	byCN.DNSNames = []string{leaf.Subject.CommonName}
	return byCN.VerifyHostname(serverName) == nil
}
