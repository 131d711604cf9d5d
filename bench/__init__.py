"""KAMDesk benchmarks. Run all with `./dev bench`, one with `./dev bench NAME`."""
