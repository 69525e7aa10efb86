#!/usr/bin/env bash
# The long differential run of SingJ's verifier against HotSpot's:
#   verifier-fuzz/run.sh [MUTANTS] [SEED]     (default 100000 mutants, seed 1)
# Prints the confusion matrix and writes it to verifier-fuzz/target/fuzz-report/matrix.md, with
# reproducers (each mutant as a .class file and a .txt that says what was changed and both verdicts).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q -pl verifier-fuzz -am verify -Dtest=LongFuzzRun -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.mutants="${1:-100000}" -Dfuzz.seed="${2:-1}"
