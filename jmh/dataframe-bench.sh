#!/usr/bin/env bash
# Dataframe benchmark, in one run on one machine: Ferry's Parquet write and read of 10M rows
# (int64, double, 16-char string) through the file store, Arrow IPC write and read of the same
# batches (the floor), and pyarrow's Parquet write and read of the same rows (skipped when a venv
# with pyarrow cannot be made). Prints the table and the ratios Ferry/pyarrow and Ferry/Arrow IPC.
#
#   flock /tmp/ferry-mvn.lock bash jmh/dataframe-bench.sh [rows, default 10000000]
#
# Run it holding the build lock, as above: it builds with Maven and then measures, and nothing
# else should build or measure on the machine meanwhile (it does not take the lock itself).
# Knobs (environment): FERRY_BENCH_RUNS (measured runs, default 5; warm-ups 3), FERRY_BENCH_DIR
# (where the files go, default jmh/target/dataframe), FERRY_BENCH_REBUILD=0 (use the existing jar).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${1:-10000000}
RUNS=${FERRY_BENCH_RUNS:-5}
DIR=${FERRY_BENCH_DIR:-jmh/target/dataframe}
JAR=jmh/target/benchmarks.jar
mkdir -p "$DIR"

if [[ ${FERRY_BENCH_REBUILD:-1} != 0 || ! -f $JAR ]]; then
  echo ">> building $JAR" >&2
  ./mvnw -q -B -o -DskipTests -pl jmh -am package
fi

echo ">> JMH: Ferry Parquet and Arrow IPC, $ROWS rows" >&2
java -jar "$JAR" 'dev\.ferry\.jmh\.dataframe\.DataframeBenchmark\..*' -p rows="$ROWS" \
  -wi 3 -i "$RUNS" -jvmArgsPrepend "-Dferry.bench.dir=$DIR" -rf json -rff "$DIR/jmh.json"

PY_JSON="$DIR/pyarrow.json"
rm -f "$PY_JSON"
VENV=jmh/target/pyenv
REQUIREMENTS=transformers-dataframe/src/test/python/requirements.txt # pinned, as in the tests
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import pyarrow' 2>/dev/null; then
  echo ">> making $VENV with the packages of $REQUIREMENTS" >&2
  if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --disable-pip-version-check \
    --require-hashes --only-binary=:all: -r "$REQUIREMENTS"; }; then
    echo ">> pyarrow skipped: could not make a venv with pyarrow" >&2
  fi
fi
if "$VENV/bin/python" -c 'import pyarrow' 2>/dev/null; then
  echo ">> pyarrow: same rows" >&2
  sync # the JMH run's files leave the page cache clean for pyarrow
  java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$JAR" \
    dev.ferry.jmh.dataframe.DataframeData "$DIR/rows.arrows" "$ROWS"
  "$VENV/bin/python" jmh/dataframe_bench.py "$DIR/rows.arrows" "$DIR" 3 "$RUNS" "$PY_JSON"
  rm -f "$DIR/rows.arrows"
fi

echo
java -cp "$JAR" dev.ferry.jmh.dataframe.DataframeReport "$DIR/jmh.json" "$PY_JSON"
