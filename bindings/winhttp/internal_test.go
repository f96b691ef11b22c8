package winhttp

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/winhttpjs/winhttpjs/engine"
)

func TestCodeOf(t *testing.T) {
	cert := func(f engine.SecurityFlags) error {
		return &engine.Error{Code: engine.ErrSecureFailure, Op: "tls", CertErrors: f}
	}
	tests := []struct {
		name string
		err  error
		want engine.Code
	}{
		{"plain code", &engine.Error{Code: engine.ErrCannotConnect}, engine.ErrCannotConnect},
		{"wrapped", fmt.Errorf("outer: %w", &engine.Error{Code: engine.ErrTimeout}), engine.ErrTimeout},
		{"bare Code", engine.ErrNameNotResolved, engine.ErrNameNotResolved},
		{"unknown CA", cert(engine.SecurityIgnoreUnknownCA), engine.ErrSecureInvalidCA},
		{"expired", cert(engine.SecurityIgnoreDateInvalid), engine.ErrSecureCertDateInvalid},
		{"name mismatch", cert(engine.SecurityIgnoreCNInvalid), engine.ErrSecureCertCNInvalid},
		{"wrong usage", cert(engine.SecurityIgnoreWrongUsage), engine.ErrSecureCertWrongUsage},
		{"CA wins over the rest", cert(engine.SecurityIgnoreAllCertErrors), engine.ErrSecureInvalidCA},
		{"date before name", cert(engine.SecurityIgnoreDateInvalid | engine.SecurityIgnoreCNInvalid), engine.ErrSecureCertDateInvalid},
		{"other TLS failure", cert(0), engine.ErrSecureFailure},
		{"context cancelled", context.Canceled, engine.ErrOperationCancelled},
		{"deadline", context.DeadlineExceeded, engine.ErrTimeout},
		{"anything else", errors.New("boom"), engine.ErrInternal},
	}
	for _, tt := range tests {
		if got := codeOf(tt.err); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestEscapeURL(t *testing.T) {
	tests := []struct {
		raw  string
		cp   uint32
		want string
	}{
		{"http://h/a b?c d#e", cpUTF8, "http://h/a%20b?c%20d#e"},
		{"http://h/\u00e9", cpUTF8, "http://h/%C3%A9"},
		{"http://h/\u00e9", 1252, "http://h/%E9"},
		{"http://h/\u00e9", 0, "http://h/%E9"},
		{"http://h/\u3042", 932, "http://h/%82%A0"},
		{"http://h/\u3042", 1252, "http://h/%3F"},
		{"http://h/%41%zz", cpUTF8, "http://h/%41%zz"},
		{"http://h/{x}|\"<>", cpUTF8, "http://h/%7Bx%7D%7C%22%3C%3E"},
		{"http://h", cpUTF8, "http://h"},
		{"h/x y", cpUTF8, "h/x y"},
		{"http://h/\u00e9", 99999, "http://h/%C3%A9"},
	}
	for _, tt := range tests {
		if got := escapeURL(tt.raw, tt.cp); got != tt.want {
			t.Errorf("escapeURL(%q, %d) = %q, want %q", tt.raw, tt.cp, got, tt.want)
		}
	}
}

func TestCharsetParam(t *testing.T) {
	tests := []struct {
		ct, want string
		ok       bool
	}{
		{"text/html; charset=UTF-8", "UTF-8", true},
		{"text/html;Charset=\"iso-8859-1\"", "iso-8859-1", true},
		{"text/html; foo=bar; charset = koi8-r ", "koi8-r", true},
		{"text/html", "", false},
		{"text/html; charset=", "", false},
		{"charset=utf-8", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := charsetParam(tt.ct)
		if got != tt.want || ok != tt.ok {
			t.Errorf("charsetParam(%q) = %q %v", tt.ct, got, ok)
		}
	}
}

func TestUTF8ContentType(t *testing.T) {
	tests := []struct{ set, want string }{
		{"", "text/plain; Charset=UTF-8"},
		{"application/json", "application/json; Charset=UTF-8"},
		{"application/json;", "application/json; Charset=UTF-8"},
		{"text/xml; charset=utf-16", "text/xml; charset=utf-16"},
		{"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; Charset=UTF-8"},
	}
	for _, tt := range tests {
		var h engine.Header
		if tt.set != "" {
			h.Set("content-type", tt.set)
		}
		setUTF8ContentType(&h)
		if got, _ := h.Get("Content-Type"); got != tt.want || h.Len() != 1 {
			t.Errorf("%q → %q (%d fields), want %q", tt.set, got, h.Len(), tt.want)
		}
	}
}
