#!/usr/bin/env bash
# Tests the ./flep launcher without Java or Maven: flep is copied into throw-away project trees with fake
# jars, a fake `mvn` (records its calls, sleeps, "builds" by touching the jars) and fake JDKs (a bin/java
# script that answers -XshowSettings:properties -version with a chosen version and records runs).
# Usage: bash .ci/launcher-test.sh        (FLEP=path/to/flep to test another copy)
# The checks are eval'd single-quoted conditions (SC2016); their variables are read there (SC2034).
# shellcheck disable=SC2016,SC2034
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FLEP_UNDER_TEST="${FLEP:-$REPO/flep}"
unset JAVA_HOME MAVEN_ARGS MAVEN_OPTS FLEP_JAVA_OPTS FLEP_JVM_DIR
T="$(mktemp -d "${TMPDIR:-/tmp}/flep-launcher-test.XXXXXX")"
trap 'rm -rf "$T"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
  shift
  local line
  for line in "$@"; do printf '       %s\n' "$line"; done
}
check() { # check NAME CONDITION... : passes when the command succeeds
  local name="$1"
  shift
  if "$@"; then pass "$name"; else fail "$name" "condition: $*" "rc=$RC" "stdout: ${OUT:0:400}" "stderr: ${ERR:0:400}"; fi
}
has() { [[ "$1" == *"$2"* ]]; }
hasnt() { [[ "$1" != *"$2"* ]]; }
eq() { [ "$1" = "$2" ]; }

# ------------------------------------------------------------------------------------------ fakes

# System tools without mvn/java (and, for the mkdir-lock variant, without flock).
SYSBIN="$T/sysbin"
SYSBIN_NOFLOCK="$T/sysbin-noflock"
mkdir -p "$SYSBIN" "$SYSBIN_NOFLOCK"
for dir in /usr/local/bin /usr/bin /bin; do
  for tool in "$dir"/*; do
    name="${tool##*/}"
    case "$name" in mvn|mvnDebug|java|javac|jshell) continue ;; esac
    [ -e "$SYSBIN/$name" ] || ln -s "$tool" "$SYSBIN/$name"
    [ "$name" = flock ] || [ -e "$SYSBIN_NOFLOCK/$name" ] || ln -s "$tool" "$SYSBIN_NOFLOCK/$name"
  done
done

FAKEBIN="$T/fakebin"
mkdir -p "$FAKEBIN"
cat >"$FAKEBIN/mvn" <<'EOF'
#!/usr/bin/env bash
echo "mvn $*" >>"$FAKE_LOG/mvn.log"
echo "cwd=$PWD MAVEN_OPTS=${MAVEN_OPTS:-} JAVA_HOME=${JAVA_HOME:-}" >>"$FAKE_LOG/mvn.env"
if { : >&9; } 2>/dev/null; then echo "fd 9 (the build lock) is open in mvn" >>"$FAKE_LOG/mvn.env"; fi
sleep "${FAKE_MVN_SLEEP:-0}"
[ -z "${FAKE_MVN_FAIL:-}" ] || exit 3
mkdir -p workers/app/target lab/target
touch workers/app/target/flep.jar lab/target/flep-lab.jar
EOF
chmod +x "$FAKEBIN/mvn"

# fake_jdk DIR VERSION [nojavac]
fake_jdk() {
  mkdir -p "$1/bin"
  cat >"$1/bin/java" <<EOF
#!/usr/bin/env bash
for a in "\$@"; do
  if [ "\$a" = -XshowSettings:properties ]; then
    printf '%s\n' "Property settings:" "    java.home = $1" "    java.specification.version = $2" "" >&2
    echo 'openjdk version "$2"' >&2
    exit 0
  fi
done
echo "\$0 \$*" >>"\$FAKE_LOG/java.log"
sleep "\${FAKE_JAVA_SLEEP:-0}"
echo "fake java ran"
EOF
  chmod +x "$1/bin/java"
  if [ "${3:-}" != nojavac ]; then
    printf '#!/bin/sh\nexit 0\n' >"$1/bin/javac"
    chmod +x "$1/bin/javac"
  fi
}
JDK8="$T/jdks/jdk-8";   fake_jdk "$JDK8" 1.8
JDK17="$T/jdks/jdk-17"; fake_jdk "$JDK17" 17
JDK21="$T/jdks/jdk-21"; fake_jdk "$JDK21" 21
JDK25="$T/jdks/jdk-25"; fake_jdk "$JDK25" 25
JRE21="$T/jdks/jre-21"; fake_jdk "$JRE21" 21 nojavac
JVMS="$T/jvm"           # a /usr/lib/jvm with 17, a JRE 25, 21, 25 and a symlink
fake_jdk "$JVMS/java-17-openjdk-amd64" 17
fake_jdk "$JVMS/java-25-jre" 25 nojavac
fake_jdk "$JVMS/java-21-openjdk-amd64" 21
fake_jdk "$JVMS/temurin-25-jdk-amd64" 25
ln -s java-17-openjdk-amd64 "$JVMS/java-1.17.0-openjdk-amd64"
JVMS17="$T/jvm17"
fake_jdk "$JVMS17/java-17-openjdk-amd64" 17

# ------------------------------------------------------------------------------------------ projects

OLD=202001010000   # sources
BUILT=202101010000 # jars
NEW=202201010000   # an edit after the build
n=0
# new_project: a fake FLEP checkout with up-to-date jars; sets P (and an empty log dir $P.log).
new_project() {
  n=$((n + 1))
  P="$T/p$n/flep-project"
  mkdir -p "$P" "$P.log"
  cp -p "$FLEP_UNDER_TEST" "$P/flep"
  chmod +x "$P/flep"
  local f
  for f in pom.xml workers/pom.xml workers/app/pom.xml workers/app/src/main/java/io/flep/App.java \
           workers/app/src/main/resources/application.yml lab/pom.xml lab/src/main/java/io/flep/lab/Lab.java \
           lab/src/main/java/io/flep/build/Build.java plugins-he/paillier/pom.xml \
           plugins-he/paillier/src/main/java/P.java bpmn/flep-lifecycle.bpmn bpmn/cloud-trust.dmn bpmn/README.md \
           bpmn/lint/package.json bpmn/lint/node_modules/bpmnlint/package.json \
           bpmn/lint/node_modules/bpmnlint/src/index.js bpmn/lint/node_modules/some-lib/pom.xml \
           admin-ui/pom.xml admin-ui/src/main/resources/static/index.html admin-ui/node_modules/x/src/x.js \
           admin-ui/dist/app.js admin-ui/build/pom.xml workers/app/target/classes/App.class \
           workers/app/target/generated-sources/src/Gen.java lab/target/maven-status/src/list.txt \
           .flep/logs/flep.log .flep/src/x.java .git/HEAD .git/src/pom.xml plugins/dropin/pom.xml \
           README.md docs/DEVELOPING.md; do
    mkdir -p "$P/$(dirname "$f")"
    echo "$f" >"$P/$f"
  done
  cat >"$P/bpmn/lint/lint.sh" <<'EOF'
#!/usr/bin/env bash
echo "lint" >>"$FAKE_LOG/lint.log"
echo "bpmnlint: 1 model(s), 0 problems"
EOF
  chmod +x "$P/bpmn/lint/lint.sh"
  mkdir -p "$P/docs/cli"
  printf 'Usage: flep run [OPTIONS]\n  --analysts N   data analysts (from docs/cli/run.txt)\n' >"$P/docs/cli/run.txt"
  printf 'Usage: flep cipher [COMMAND] (from docs/cli/cipher.txt)\n' >"$P/docs/cli/cipher.txt"
  printf 'Usage: flep cipher encrypt --scheme ID (from docs/cli/cipher-encrypt.txt)\n' >"$P/docs/cli/cipher-encrypt.txt"
  touch "$P/workers/app/target/flep.jar" "$P/lab/target/flep-lab.jar"
  reset_times
}
# reset_times: every file of $P old, the jars built after it.
reset_times() {
  find "$P" -exec touch -h -t "$OLD" {} +
  touch -t "$BUILT" "$P/workers/app/target/flep.jar" "$P/lab/target/flep-lab.jar" 2>/dev/null || true
}
APP="workers/app/target/flep.jar"
LAB="lab/target/flep-lab.jar"

# f ARGS...: runs $P/flep with PATH=$TPATH (default: fake mvn + tools) and JAVA_HOME=$JH (default JDK 21;
# "unset" to unset); sets RC, OUT, ERR.
f() {
  local envs=(PATH="${TPATH:-$FAKEBIN:$SYSBIN}" FAKE_LOG="$P.log")
  local unsets=()
  if [ "${JH:-}" = unset ]; then unsets=(-u JAVA_HOME); else envs+=(JAVA_HOME="${JH:-$JDK21}"); fi
  RC=0
  env "${unsets[@]}" "${envs[@]}" timeout 60 "$P/flep" "$@" >"$P.out" 2>"$P.err" || RC=$?
  OUT="$(cat "$P.out")"
  ERR="$(cat "$P.err")"
}
count() { # count FILE: lines in $P.log/FILE
  if [ -f "$P.log/$1" ]; then wc -l <"$P.log/$1" | tr -d ' '; else echo 0; fi
}
mvn_calls() { count mvn.log; }
java_runs() { count java.log; }
last_java() { tail -n 1 "$P.log/java.log" 2>/dev/null; }

# ------------------------------------------------------------------------------------------ help

new_project
TPATH="$SYSBIN" JH=unset FLEP_JVM_DIR=/nonexistent
export FLEP_JVM_DIR
for args in "--help" "help" "" "-h"; do
  # shellcheck disable=SC2086
  f $args
  check "'flep $args' prints usage with neither Java nor Maven" eval '[ $RC = 0 ] && has "$OUT" "Usage: ./flep <command>" && has "$OUT" "denoiser"'
done
f run --help
check "'run --help' without Java/Maven prints docs/cli/run.txt" eval '[ $RC = 0 ] && eq "$OUT" "$(cat "$P/docs/cli/run.txt")"'
f cipher encrypt --help
check "'cipher encrypt --help' prints docs/cli/cipher-encrypt.txt" eval '[ $RC = 0 ] && eq "$OUT" "$(cat "$P/docs/cli/cipher-encrypt.txt")"'
f cipher encrypt --scheme aes-gcm -h
check "'cipher encrypt --scheme aes-gcm -h' prints docs/cli/cipher-encrypt.txt" eval '[ $RC = 0 ] && has "$OUT" "cipher-encrypt.txt"'
f cipher -h
check "'cipher -h' prints docs/cli/cipher.txt" eval '[ $RC = 0 ] && has "$OUT" "docs/cli/cipher.txt"'
f help run
check "'help run' prints docs/cli/run.txt" eval '[ $RC = 0 ] && has "$OUT" "docs/cli/run.txt"'
f test --help
check "'test --help' prints built-in text" eval '[ $RC = 0 ] && has "$OUT" "Usage: ./flep test"'
f build -h
check "'build -h' prints built-in text" eval '[ $RC = 0 ] && has "$OUT" "Usage: ./flep build"'
unset FLEP_JVM_DIR
TPATH="" JH=""

# --help with stale jars (sources changed) and a JDK that is too old: still no build, no JDK.
touch -t "$NEW" "$P/workers/app/src/main/java/io/flep/App.java"
JH="$JDK17" f run --help
check "'run --help' with stale jar and JAVA_HOME=17 prints the file without building" \
  eval '[ $RC = 0 ] && has "$OUT" "docs/cli/run.txt" && [ "$(mvn_calls)" = 0 ]'
JH="$JDK17" f --help
check "'--help' with JAVA_HOME=17 is fine" eval '[ $RC = 0 ] && has "$OUT" "Usage: ./flep"'

# no help file, jar missing or stale: one line, exit 2, no build.
rm -f "$P/$LAB"
f denoiser train --help
check "'denoiser train --help' without help file and jar: exit 2, one line naming ./flep build, no mvn" \
  eval '[ $RC = 2 ] && has "$ERR" "./flep build" && has "$ERR" "denoiser train" && [ "$(printf "%s\n" "$ERR" | wc -l)" = 1 ] && [ "$(mvn_calls)" = 0 ] && [ "$(java_runs)" = 0 ]'
reset_times
touch -t "$NEW" "$P/lab/src/main/java/io/flep/lab/Lab.java"
f he --help
check "'he --help' without help file, jar stale: exit 2, no mvn" \
  eval '[ $RC = 2 ] && has "$ERR" "./flep build" && has "$ERR" "Lab.java" && [ "$(mvn_calls)" = 0 ]'
# no help file, jar up to date: the jar answers.
reset_times
f denoiser train --help
check "'denoiser train --help' without help file, jar up to date: runs the lab jar with --help, no mvn" \
  eval '[ $RC = 0 ] && has "$OUT" "fake java ran" && has "$(last_java)" "-jar $P/$LAB denoiser train --help" && [ "$(mvn_calls)" = 0 ]'
f plugins --help
check "'plugins --help' without help file: runs the app jar" eval '[ $RC = 0 ] && has "$(last_java)" "-jar $P/$APP plugins --help"'
f engine bench --help
check "'engine bench --help' without help file: runs the app jar" \
  eval '[ $RC = 0 ] && has "$(last_java)" "-jar $P/$APP engine bench --help"'
f bogus
check "unknown command: exit 2 and usage on stderr" eval '[ $RC = 2 ] && has "$ERR" "unknown command '"'"'bogus'"'"'" && has "$ERR" "Usage:"'
f help bogus
check "'help bogus': exit 2" eval '[ $RC = 2 ] && has "$ERR" "unknown command"'

# ------------------------------------------------------------------------------------------ rebuild check

new_project
f run --rounds 2
check "up-to-date jars: run starts the app jar without mvn" \
  eval '[ $RC = 0 ] && [ "$(mvn_calls)" = 0 ] && has "$(last_java)" "-jar $P/$APP run --rounds 2"'
for ignored in bpmn/lint/node_modules/bpmnlint/src/index.js bpmn/lint/node_modules/some-lib/pom.xml \
               admin-ui/node_modules/x/src/x.js admin-ui/dist/app.js admin-ui/build/pom.xml \
               workers/app/target/classes/App.class workers/app/target/generated-sources/src/Gen.java \
               lab/target/maven-status/src/list.txt .flep/logs/flep.log .flep/src/x.java .git/HEAD \
               .git/src/pom.xml plugins/dropin/pom.xml README.md docs/DEVELOPING.md bpmn/README.md; do
  reset_times
  touch -t "$NEW" "$P/$ignored"
  before="$(mvn_calls)"
  f run
  check "a change of $ignored does not rebuild" eval '[ $RC = 0 ] && [ "$(mvn_calls)" = "$before" ]'
done
for source in workers/app/src/main/java/io/flep/App.java workers/app/src/main/resources/application.yml \
              lab/src/main/java/io/flep/build/Build.java plugins-he/paillier/src/main/java/P.java pom.xml \
              workers/app/pom.xml plugins-he/paillier/pom.xml admin-ui/src/main/resources/static/index.html \
              bpmn/flep-lifecycle.bpmn bpmn/cloud-trust.dmn; do
  reset_times
  touch -t "$NEW" "$P/$source"
  before="$(mvn_calls)"
  f run
  check "a change of $source rebuilds once, then runs" \
    eval '[ $RC = 0 ] && [ "$(mvn_calls)" = $((before + 1)) ] && has "$(tail -n 1 "$P.log/mvn.log")" "-q install -DskipTests" && has "$OUT" "fake java ran"'
  f run
  check "... and the next run does not rebuild" eval '[ $RC = 0 ] && [ "$(mvn_calls)" = $((before + 1)) ]'
done
reset_times
rm -f "$P/$LAB"
before="$(mvn_calls)"
f run
check "a missing lab jar does not rebuild for run (the app jar's command)" eval '[ $RC = 0 ] && [ "$(mvn_calls)" = "$before" ]'
f cipher bench --json b.json
check "a missing lab jar rebuilds for cipher, then runs the lab jar" \
  eval '[ $RC = 0 ] && [ "$(mvn_calls)" = $((before + 1)) ] && has "$(last_java)" "-jar $P/$LAB cipher bench --json b.json"'
reset_times
rm -f "$P/$APP"
f serve --port 9000
check "a missing app jar rebuilds for serve" eval '[ $RC = 0 ] && [ "$(mvn_calls)" = $((before + 2)) ] && has "$(last_java)" "-jar $P/$APP serve --port 9000"'

# a jar Maven leaves alone (up to date in its eyes) is stamped, so it does not rebuild on every start
reset_times
touch -t "$NEW" "$P/pom.xml"
cat >"$T/mvn-lazy" <<'EOF'
#!/usr/bin/env bash
echo "mvn $*" >>"$FAKE_LOG/mvn.log"
touch workers/app/target/flep.jar
EOF
mkdir -p "$T/lazybin" && cp "$T/mvn-lazy" "$T/lazybin/mvn" && chmod +x "$T/lazybin/mvn"
before="$(mvn_calls)"
TPATH="$T/lazybin:$SYSBIN" f cipher bench
TPATH="$T/lazybin:$SYSBIN" f cipher bench
check "a jar the build did not rewrite is stamped: one build for two starts" eval '[ $RC = 0 ] && [ "$(mvn_calls)" = $((before + 1)) ]'

# failing build: exit code of mvn, no java, lock released
reset_times
touch -t "$NEW" "$P/pom.xml"
runs="$(java_runs)"
FAKE_MVN_FAIL=1 f run
check "a failing build exits with mvn's code and runs nothing" eval '[ $RC = 3 ] && [ "$(java_runs)" = "$runs" ]'
f run
check "... and the next run builds without waiting for a lock" eval '[ $RC = 0 ] && hasnt "$ERR" "waiting"'

if grep -q "fd 9" "$P.log/mvn.env" 2>/dev/null; then
  fail "mvn does not inherit the lock's file descriptor" "$(cat "$P.log/mvn.env")"
else
  pass "mvn does not inherit the lock's file descriptor"
fi

# ------------------------------------------------------------------------------------------ lock

# concurrent first runs: run_pair [PATH]: two `flep run` at once on stale jars, mvn sleeps 2 s
run_pair() {
  local path="$1"
  reset_times
  touch -t "$NEW" "$P/workers/app/src/main/java/io/flep/App.java"
  rm -f "$P.log"/*
  local i pids=()
  for i in a b; do
    env PATH="$path" FAKE_LOG="$P.log" JAVA_HOME="$JDK21" FAKE_MVN_SLEEP=2 timeout 60 "$P/flep" run --seed "$i" \
      >"$P.$i.out" 2>"$P.$i.err" &
    pids+=($!)
  done
  RC=0
  for i in "${pids[@]}"; do wait "$i" || RC=$?; done
  OUT="$(cat "$P.a.out" "$P.b.out")"
  ERR="$(cat "$P.a.err" "$P.b.err")"
}
new_project
run_pair "$FAKEBIN:$SYSBIN"
check "two concurrent first runs (flock): mvn runs once, both run java" \
  eval '[ $RC = 0 ] && [ "$(mvn_calls)" = 1 ] && [ "$(java_runs)" = 2 ]'
check "... the second says once that it waits" \
  eval '[ "$(grep -c "waiting for another build to finish" <<<"$ERR")" = 1 ] && [ "$(grep -c "flep: building" <<<"$ERR")" = 1 ]'
check "... the lock file is $P/.flep-build.lock" eval '[ -f "$P/.flep-build.lock" ]'

new_project
run_pair "$FAKEBIN:$SYSBIN_NOFLOCK"
check "two concurrent first runs without flock (mkdir lock): mvn runs once, both run java" \
  eval '[ $RC = 0 ] && [ "$(mvn_calls)" = 1 ] && [ "$(java_runs)" = 2 ] && [ "$(grep -c "waiting for another build" <<<"$ERR")" = 1 ]'
check "... the mkdir lock is removed afterwards" eval '[ ! -e "$P/.flep-build.lock.d" ]'
reset_times
touch -t "$NEW" "$P/pom.xml"
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir -p "$P/.flep-build.lock.d" && echo "$dead" >"$P/.flep-build.lock.d/pid"
TPATH="$FAKEBIN:$SYSBIN_NOFLOCK" f run
check "a mkdir lock left by a killed build (dead pid) is taken over" eval '[ $RC = 0 ] && has "$OUT" "fake java ran"'

# the lock is not held while java runs
new_project
touch -t "$NEW" "$P/pom.xml"
env PATH="$FAKEBIN:$SYSBIN" FAKE_LOG="$P.log" JAVA_HOME="$JDK21" FAKE_JAVA_SLEEP=4 timeout 60 "$P/flep" serve \
  >"$P.bg.out" 2>"$P.bg.err" &
bg=$!
for _ in $(seq 50); do [ "$(java_runs)" = 1 ] && break; sleep 0.1; done
touch -t "$(date -d '+1 hour' +%Y%m%d%H%M)" "$P/pom.xml"
f run
check "a build while another flep's java runs does not wait (the lock is released before exec)" \
  eval '[ $RC = 0 ] && [ "$(mvn_calls)" = 2 ] && hasnt "$ERR" "waiting"'
wait "$bg" || true

# `test` and `build` take the lock too
new_project
env PATH="$FAKEBIN:$SYSBIN" FAKE_LOG="$P.log" JAVA_HOME="$JDK21" FAKE_MVN_SLEEP=2 timeout 60 "$P/flep" build \
  >"$P.bg.out" 2>"$P.bg.err" &
bg=$!
sleep 0.5
f test -pl lab
wait "$bg" || true
check "'test' waits for a running build, then runs mvn install ARGS, the BPMN lint, and reports" \
  eval '[ $RC = 0 ] && has "$ERR" "waiting for another build" && [ "$(mvn_calls)" = 2 ] && eq "$(tail -n 1 "$P.log/mvn.log")" "mvn -B -Dstyle.color=never install -pl lab" && [ "$(count lint.log)" = 1 ] && eq "$(tail -n 1 <<<"$OUT")" "flep test: all tests passed"'
FAKE_MVN_FAIL=1 f test
check "a failing 'test' exits with mvn's code and skips the lint" eval '[ $RC = 3 ] && [ "$(count lint.log)" = 1 ]'
f build
check "'build' always builds" eval '[ $RC = 0 ] && [ "$(mvn_calls)" = 4 ] && eq "$(tail -n 1 "$P.log/mvn.log")" "mvn -B -Dstyle.color=never -q install -DskipTests"'
MAVEN_ARGS="-o -T 2" f build
check "MAVEN_ARGS are passed to mvn" eval '[ $RC = 0 ] && eq "$(tail -n 1 "$P.log/mvn.log")" "mvn -B -Dstyle.color=never -o -T 2 -q install -DskipTests"'
TPATH="$SYSBIN" f build
check "'build' without mvn: exit 2 naming Maven" eval '[ $RC = 2 ] && has "$ERR" "Apache Maven is needed"'

# ------------------------------------------------------------------------------------------ JDK

new_project
JH="$JDK17" f run
check "JAVA_HOME=Java 17: exit 2 with the message, nothing built or run" \
  eval '[ $RC = 2 ] && eq "$ERR" "flep: JAVA_HOME=$JDK17 is Java 17; FLEP needs 21 or newer. Unset JAVA_HOME to let flep pick one from /usr/lib/jvm, or point it at a JDK 21+." && [ "$(mvn_calls)" = 0 ] && [ "$(java_runs)" = 0 ]'
JH="$JDK17" f build
check "JAVA_HOME=Java 17: build exits 2" eval '[ $RC = 2 ] && has "$ERR" "is Java 17" && [ "$(mvn_calls)" = 0 ]'
JH="$JDK17" f test
check "JAVA_HOME=Java 17: test exits 2" eval '[ $RC = 2 ] && has "$ERR" "is Java 17" && [ "$(mvn_calls)" = 0 ]'
JH="$JDK8" f run
check "JAVA_HOME=Java 8 (1.8) is reported as Java 8" eval '[ $RC = 2 ] && has "$ERR" "is Java 8;"'
JH="$JRE21" f run
check "JAVA_HOME=a JRE (no javac): exit 2, not a JDK" eval '[ $RC = 2 ] && has "$ERR" "JAVA_HOME=$JRE21 is not a JDK (no bin/javac)" && has "$ERR" "Unset JAVA_HOME"'
JH="$T/nowhere" f cipher bench
check "JAVA_HOME=a missing directory: exit 2" eval '[ $RC = 2 ] && has "$ERR" "JAVA_HOME=$T/nowhere is not a JDK (no bin/java)"'
JH="$JDK21" f run
check "JAVA_HOME=21: its java runs the jar with native access and -Xmx6g, no unsafe flag" \
  eval '[ $RC = 0 ] && eq "$(last_java)" "$JDK21/bin/java --enable-native-access=ALL-UNNAMED -Xmx6g -jar $P/$APP run"'
JH="$JDK25" FLEP_JAVA_OPTS="-Xmx2g -Dflep.x=1" f he bench --values 10
check "JAVA_HOME=25: unsafe-memory flag; FLEP_JAVA_OPTS after -Xmx6g" \
  eval '[ $RC = 0 ] && eq "$(last_java)" "$JDK25/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx6g -Xmx2g -Dflep.x=1 -jar $P/$LAB he bench --values 10"'
touch -t "$NEW" "$P/pom.xml"
JH="$JDK25" f run
check "JAVA_HOME=25: Maven gets the flag in MAVEN_OPTS and JAVA_HOME" \
  eval '[ $RC = 0 ] && has "$(tail -n 1 "$P.log/mvn.env")" "MAVEN_OPTS= --sun-misc-unsafe-memory-access=allow JAVA_HOME=$JDK25"'
JH=unset FLEP_JVM_DIR="$JVMS" f run
check "JAVA_HOME unset: the newest JDK 21+ under the JVM directory is used (not a JRE)" \
  eval '[ $RC = 0 ] && has "$(last_java)" "$JVMS/temurin-25-jdk-amd64/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"'
JH=unset FLEP_JVM_DIR="$JVMS17" f run
check "JAVA_HOME unset, only Java 17 installed: exit 2 with install advice" \
  eval '[ $RC = 2 ] && has "$ERR" "needs a JDK 21 or newer" && has "$ERR" "apt-get install openjdk-21-jdk-headless"'

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
