// Package com gives Go-backed JavaScript objects the behaviour of COM
// automation objects as JScript sees them: members found case-insensitively,
// parameterized properties that can be assigned (req.Option(4) = 13056
// after the host's rewrite), errors thrown as JScript Error objects whose
// number is the HRESULT, and a ProgID registry behind ActiveXObject.
package com
