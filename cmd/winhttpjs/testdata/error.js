function check(req) {
  if (req.status != 200) {
    throw new Error("unexpected status " + req.status);
  }
}
check({status: 404});
