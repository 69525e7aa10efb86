#!/usr/bin/env bash
# Builds the benchmarks jar and runs the quick configuration (about 9 minutes on 2 cores):
# every benchmark in 2 rounds of 1 fork each (so 2 forks per figure, a figure's forks
# interleaved in time with its baseline's), 3 warm-up and 3 measured iterations of 1 s.
# It prints JMH's table for each round, then the ratios (see docs/performance.md).
#
#   bench/run.sh                          PairedTax, InstrumentationTax, SipStart and MessagePassing
#   bench/run.sh --rounds 8 PairedTax     the instrumentation tax, original and sealed runs in turns in one fork
#   bench/run.sh InstrumentationTax       one benchmark class (any JMH pattern)
#   bench/run.sh --rounds 3 -p variant=plain,sealed,accountingOnly,killChecksOnly InstrumentationTax
#   bench/run.sh --rounds 1 TickShapes    the kill-check shapes diagnostic
#   bench/run.sh MessagePassing           SIP message round trips, with the Linux pipe baselines run after each round
#   java -jar bench/target/benchmarks.jar -h    JMH itself, for anything else
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/jdk25.sh"
singj_use_jdk25 "$ROOT"

[[ $# -eq 0 ]] && set -- PairedTax InstrumentationTax SipStart MessagePassing

cd "$ROOT"
./mvnw -B -q -pl bench -am package -DskipTests
# JMH 1.37 reads object layouts through sun.misc.Unsafe, which JDK 25 warns about (harmless)
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -cp bench/target/benchmarks.jar \
  singj.bench.Ratios --rounds 2 "$@"
