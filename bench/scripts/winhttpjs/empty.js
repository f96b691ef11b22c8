// Start-up workload: an empty script.
