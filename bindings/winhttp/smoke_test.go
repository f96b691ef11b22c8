package winhttp_test

import "testing"

func TestSmokeGet(t *testing.T) {
	srv := newHTTPBin(t)
	e := newEnv(t)
	got := e.str(`var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", "` + srv.URL + `/get?a=1", false);
r.Send();
r.Status + " " + r.StatusText + "\n" + r.ResponseText`)
	t.Log(got)
}
