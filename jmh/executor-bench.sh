#!/usr/bin/env bash
# Executor overhead per action (ms/op = ms per action): a chain of 1,000 tiny tasks and a map of
# 10,000, cache off, on the file store (the default: documents published atomically, not forced to
# disk), the file store with durableDocuments(true) (fsyncs) and the memory store, side by side.
#
#   bash jmh/executor-bench.sh                 # ~4 minutes on 2 cores
#   bash jmh/executor-bench.sh -prof stack     # where the time goes (JMH's sampling stack profiler)
#   bash jmh/executor-bench.sh -p store=file -wi 1 -i 2   # one store, quicker
#   FERRY_BENCH_DIR=/dev/shm bash jmh/executor-bench.sh   # file store on tmpfs: fsyncs cost nothing
#
# Targets: <= 0.5 ms per action in the chain, <= 0.1 ms per map element.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
FERRY_BENCH_RESULTS=${FERRY_BENCH_RESULTS:-jmh/target/executor-results.json} \
  exec bash jmh/bench.sh 'dev\.ferry\.jmh\.ExecutorBenchmark\..*' "$@"
