#!/usr/bin/env bash
# Standard-stream throughput and start of `singj run` against `java -jar`, from outside: each
# program runs as `./singj run P.jar` and as `java -jar P.jar` in turns, ROUNDS times, and times
# its own copy loop (printed on standard error), so the JVMs' start is not in the copy figure.
# Prints each figure's median and the median of the pair ratios (singj / java); a ratio of 1.25
# is 80% of java's throughput. Then the start: CPU (user + sys) and wall of a hello program, as
# /usr/bin/time gives them. The machine's load moves single runs: read the ratios.
#
#   bench/streams.sh [ROUNDS]        default 7 rounds; 150 MiB each way
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/jdk25.sh"
singj_use_jdk25 "$ROOT"
ROUNDS="${1:-7}"
SINGJ="$ROOT/singj"
JAVA="$JAVA_HOME/bin/java"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$SINGJ" --version >/dev/null # builds once, before anything is timed
for program in Cat Sink Source; do
  mkdir -p "$WORK/$program"
  "$JAVA_HOME/bin/javac" -d "$WORK/$program" "$ROOT/bench/streams/$program.java"
  printf 'Main-Class: %s\n' "$program" > "$WORK/$program/manifest"
  "$JAVA_HOME/bin/jar" cfm "$WORK/$program.jar" "$WORK/$program/manifest" -C "$WORK/$program" .
done
head -c 150M /dev/urandom > "$WORK/input"

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# copy_ms COMMAND...: runs it with the shell redirections in $REDIRECT, prints the program's milliseconds
copy_ms() { sh -c "$* $REDIRECT" 2>&1 >/dev/null | awk '/^ms /{print $2}'; }

cd "$WORK"
for row in "Cat;<input >/dev/null;stdin to stdout, a file to /dev/null" \
           "Sink;<input >/dev/null;stdin alone, from a file" \
           "Source;>/dev/null;stdout alone, to /dev/null" \
           "Cat;<input | cat >/dev/null;stdin to stdout, pipes both ways"; do
  IFS=';' read -r program REDIRECT what <<< "$row"
  args=""; [[ "$program" == Source ]] && args=150
  : > singj.ms; : > java.ms; : > ratio
  for ((round = 0; round < ROUNDS; round++)); do
    a=$(copy_ms "$SINGJ" run "$program.jar" $args); b=$(copy_ms "$JAVA" -jar "$program.jar" $args)
    echo "$a" >> singj.ms; echo "$b" >> java.ms; echo "$a $b" | awk '{print $1 / $2}' >> ratio
  done
  printf '%-40s singj %8.1f ms  java %8.1f ms  singj/java %.2f (median of %d pairs)\n' "$what" \
    "$(median < singj.ms)" "$(median < java.ms)" "$(median < ratio)" "$ROUNDS"
done

hello="$ROOT/cli/target/dist/apps/hello.jar"
: > singj.start; : > java.start
for ((round = 0; round < ROUNDS; round++)); do
  /usr/bin/time -f '%U %S %e' -a -o singj.start "$SINGJ" run "$hello" >/dev/null
  /usr/bin/time -f '%U %S %e' -a -o java.start "$JAVA" -jar "$hello" >/dev/null
done
paste singj.start java.start | awk '{print $1 + $2, $3, $4 + $5, $6, ($1 + $2) / ($4 + $5), $3 / $6}' > starts
for column in 1:"singj cpu s" 3:"java cpu s" 5:"cpu ratio" 2:"singj wall s" 4:"java wall s" 6:"wall ratio"; do
  printf 'start of hello: %-13s %.3f\n' "${column#*:}" "$(cut -d' ' -f"${column%%:*}" starts | median)"
done
