#!/usr/bin/env bash
# The cost of one shell command, prompt to prompt, from outside: `singj boot` with piped input,
# a session of `exit` alone beside one of N x (ps, ns, channels, heap) then `exit`; the difference
# over 4N commands is one command's wall and CPU (user + sys, /usr/bin/time). With a second build's
# dist directory (e.g. a copy of another branch's cli/target/dist) both run in turns, ROUNDS times,
# each on its own image, so their ratio is measured side by side under the same load.
#
#   bench/shell.sh [ROUNDS] [OTHER_DIST]      default 3 rounds, N=100 (N=... in the environment)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/jdk25.sh"
singj_use_jdk25 "$ROOT"
ROUNDS="${1:-3}"
OTHER="${2:-}"
N="${N:-100}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/singj" --version > /dev/null # builds this tree's dist if it is not current
THIS="$ROOT/cli/target/dist"

boot() { # DIST IMAGE SCRIPT: prints "wall cpu"
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Xss8m \
    --add-opens java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dsingj.apps="$1/apps" -cp "$1/lib/*" \
    singj.cli.Main boot --image "$2" < "$3" > /dev/null 2>&1
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$WORK/time"
}

printf 'exit\n' > "$WORK/exit"
( for _ in $(seq "$N"); do printf 'ps\nns\nchannels\nheap\n'; done; printf 'exit\n' ) > "$WORK/many"
builds=(this); [ -n "$OTHER" ] && builds+=(other)
for b in "${builds[@]}"; do
  dist="$THIS"; [ "$b" = other ] && dist="$OTHER"
  boot "$dist" "$WORK/image-$b" "$WORK/exit" > /dev/null # installs the default image once
done
for r in $(seq "$ROUNDS"); do
  for b in "${builds[@]}"; do
    dist="$THIS"; [ "$b" = other ] && dist="$OTHER"
    read -r w0 c0 < <(boot "$dist" "$WORK/image-$b" "$WORK/exit")
    read -r w1 c1 < <(boot "$dist" "$WORK/image-$b" "$WORK/many")
    awk -v r="$r" -v b="$b" -v n="$N" -v w0="$w0" -v c0="$c0" -v w1="$w1" -v c1="$c1" 'BEGIN {
      printf "round %d %-5s per command: %6.1f ms wall %5.1f ms cpu (sessions: %.1f s / %.1f s wall)\n",
        r, b, (w1 - w0) / (4 * n) * 1000, (c1 - c0) / (4 * n) * 1000, w0, w1 }'
  done
done
