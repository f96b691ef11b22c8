// A user's check script: probe the agent's target and report.
var r = new ActiveXObject("WinHttp.WinHttpRequest.5.1");
r.Open("GET", agent.target + "/health", false);
r.Send();
agent.report("status", r.Status === 200, "HTTP " + r.Status);
agent.report("body", r.ResponseText === "ok", "body " + r.ResponseText);
try {
  agent.expect("status", r.Status, 204);
} catch (e) {
  agent.report("strict status", false, e.message);
}
