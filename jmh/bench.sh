#!/usr/bin/env bash
# Runs the Ferry benchmarks and prints the comparison tables (ratios against their targets).
#
#   bash jmh/bench.sh                      # List<Long> and List<record> (~8 minutes on 2 cores)
#   bash jmh/bench.sh 'LongList'           # a subset: a JMH regex over benchmark names
#   bash jmh/bench.sh 'LongListBenchmark.decodeStreaming' -f 1 -wi 1 -i 2   # one, in ~25 s
#   bash jmh/bench.sh 'RecordList.*decode' -prof gc   # further arguments go to JMH as they are
#   bash jmh/bench.sh -prof gc             # the default set, with allocation per operation
#
# The default set is LongListBenchmark and RecordListBenchmark, as the README says; the dataframe
# benchmarks (10M rows) run with jmh/dataframe-bench.sh, or here by naming them.
#
# Builds jmh/target/benchmarks.jar first when it is missing or older than any source of the
# modules it holds (FERRY_BENCH_REBUILD=1 forces a build). Results: jmh/target/results.json
# (or $FERRY_BENCH_RESULTS).
# When flock(1) exists, Maven runs under the lock file $FERRY_MVN_LOCK (default
# /tmp/ferry-mvn.lock) so builds sharing a machine take turns.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAR=jmh/target/benchmarks.jar
RESULTS=${FERRY_BENCH_RESULTS:-jmh/target/results.json}

regex='dev\.ferry\.jmh\.(LongList|RecordList)Benchmark\..*'
if [[ $# -gt 0 && $1 != -* ]]; then
  regex=$1
  shift
fi

stale() {
  [[ ! -f $JAR || -n ${FERRY_BENCH_REBUILD:-} ]] && return 0
  [[ -n $(find pom.xml idl type-engine blob-io transformers-core transformers-dataframe sdk executor jmh \
    \( -path '*/target' -prune \) -o \( -type f -newer "$JAR" -print \) 2>/dev/null | head -n 1) ]]
}

if stale; then
  echo ">> building $JAR" >&2
  build=(./mvnw -q -DskipTests -pl jmh -am package)
  if command -v flock >/dev/null 2>&1; then
    flock "${FERRY_MVN_LOCK:-/tmp/ferry-mvn.lock}" "${build[@]}"
  else
    "${build[@]}"
  fi
fi

echo ">> java -jar $JAR '$regex' -rf json -rff $RESULTS $*" >&2
java -jar "$JAR" "$regex" -rf json -rff "$RESULTS" "$@"

echo
java -cp "$JAR" dev.ferry.jmh.Report "$RESULTS"
