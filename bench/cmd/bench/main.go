// Command bench is the benchmark driver of winhttpjs: it starts the
// loopback target server, runs every workload for winhttpjs, for a plain
// Go net/http client, and for node's fetch and curl when they are
// installed, in interleaved rounds, and prints a table of medians,
// spreads and ratios taken within the same rounds.
//
//	go run ./bench/cmd/bench            # the full run (about 10 minutes on 2 cores)
//	go run ./bench/cmd/bench -quick     # smaller counts, for development
//	go run ./bench/cmd/bench -only seq,startup -rounds 5
//	go run ./bench/cmd/bench serve      # only the target server, until Ctrl-C
//
// All traffic stays on 127.0.0.1. See bench/README.md.
package main

import "os"

func main() {
	args := os.Args[1:]
	var err error
	switch {
	case len(args) > 0 && args[0] == "client":
		err = runClient(args[1:])
	case len(args) > 0 && args[0] == "serve":
		err = runServe(args[1:])
	default:
		err = runDriver(args)
	}
	if err != nil {
		exitf("%v", err)
	}
}
