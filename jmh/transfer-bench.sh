#!/usr/bin/env bash
# Transfer benchmarks of the s3 store vs the AWS transfer manager and temp-file + single PUT, on an
# S3Mock server on loopback (fetched by the build), each transfer in a fresh JVM. Prints the ratios.
#   bash jmh/transfer-bench.sh [sizes in MiB, default 256,1024] [repetitions, default 2] \
#        [scenarios, default up,down,bounded,slow,dir; also pod: 1 and 2 GiB with the defaults in -Xmx192m G1]
# Knobs (environment): FERRY_BENCH_CONCURRENCY (parts in flight, default 8),
# FERRY_BENCH_FULL_OBJECT (true: whole-object CRC32C on multipart uploads, the store's default),
# FERRY_BENCH_CHECKSUM (false: Ferry's writes send no CRC32C), FERRY_BENCH_JVM_ARGS (added to
# every measured JVM, e.g. a flight recording).
set -euo pipefail
cd "$(dirname "$0")/.."
lock=()
command -v flock >/dev/null && lock=(flock "${FERRY_MVN_LOCK:-/tmp/ferry-mvn.lock}")
"${lock[@]}" ./mvnw -q -B -DskipTests -pl jmh -am package
exec java -Xmx1g -Dferry.test-servers="$PWD/blob-s3/target/test-servers" \
  -Dferry.bench.concurrency="${FERRY_BENCH_CONCURRENCY:-8}" \
  -Dferry.bench.full-object="${FERRY_BENCH_FULL_OBJECT:-true}" \
  -Dferry.bench.jvm-args="${FERRY_BENCH_JVM_ARGS:-}" \
  -Dferry.bench.checksum="${FERRY_BENCH_CHECKSUM:-true}" \
  -cp jmh/target/benchmarks.jar dev.ferry.jmh.blob.TransferBench "${1:-256,1024}" "${2:-2}" \
  "${3:-up,down,bounded,slow,dir}"
