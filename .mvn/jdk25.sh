# Sourced by ./mvnw and ./singj (POSIX sh): points JAVA_HOME at a JDK 25, whatever the machine's
# default java is, or says what to install. Looks at JAVA_HOME, then the usual JDK locations and
# the java on PATH; remembers the JDK it found in target/.jdk25 while JAVA_HOME is unset.

singj_java_major() { # the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

# The feature version a JDK's release file names (JAVA_VERSION="25.0.3"), into singj_major; read
# with the shell's own commands, because starting that JDK's java to ask costs a JVM on every start.
singj_release_major() {
  singj_major=
  [ -f "$1/release" ] || return 1
  while IFS= read -r singj_line || [ -n "$singj_line" ]; do
    case $singj_line in
      JAVA_VERSION=*)
        singj_major=${singj_line#JAVA_VERSION=}
        singj_major=${singj_major#\"}
        singj_major=${singj_major%%[!0-9]*}
        break ;;
    esac
  done < "$1/release"
  [ -n "$singj_major" ]
}

singj_is_jdk25() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  # no release file (a hand-made JDK image): ask its java
  singj_release_major "$1" || singj_major="$(singj_java_major "$1/bin/java")"
  [ -n "$singj_major" ] && [ "$singj_major" -ge 25 ]
}

singj_find_jdk25() {
  if [ -n "${JAVA_HOME-}" ] && singj_is_jdk25 "$JAVA_HOME"; then
    echo "$JAVA_HOME"; return 0
  fi
  case $- in *f*) singj_noglob=1; set +f ;; *) singj_noglob= ;; esac
  for singj_dir in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/local/java/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -d "$singj_dir" ] && singj_is_jdk25 "$singj_dir"; then
      [ -z "$singj_noglob" ] || set -f
      echo "$singj_dir"; return 0
    fi
  done
  [ -z "$singj_noglob" ] || set -f
  if command -v java >/dev/null 2>&1; then
    singj_dir="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if singj_is_jdk25 "$singj_dir"; then
      echo "$singj_dir"; return 0
    fi
  fi
  return 1
}

# usage: singj_use_jdk25 PROJECT_ROOT
singj_use_jdk25() {
  singj_cache="$1/target/.jdk25"
  singj_cached=
  [ -f "$singj_cache" ] && read -r singj_cached < "$singj_cache" # read, not $(cat): no process at every start
  if [ -z "${JAVA_HOME-}" ] && [ -n "$singj_cached" ] && [ -x "$singj_cached/bin/javac" ]; then
    JAVA_HOME="$singj_cached"
  elif [ -n "${JAVA_HOME-}" ] && singj_is_jdk25 "$JAVA_HOME"; then
    : # the usual case where JAVA_HOME is set: checked in this shell, no subshell or process
  elif singj_found="$(singj_find_jdk25)"; then
    JAVA_HOME="$singj_found"
    [ "$singj_cached" = "$JAVA_HOME" ] || { mkdir -p "$1/target" && echo "$JAVA_HOME" > "$singj_cache"; }
  else
    echo "singj: needs a JDK 25 and found none (looked at JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman, and java on PATH)." >&2
    echo "singj: install one, for example 'apt-get install temurin-25-jdk' (Adoptium's repository) or 'sdk install java 25-tem', or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME
  case "${MAVEN_OPTS-}" in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow" ;; # Maven's Guice warns on JDK 25 otherwise
  esac
  export MAVEN_OPTS
}
