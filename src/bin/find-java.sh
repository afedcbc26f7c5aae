# shellcheck shell=bash
# Finds a Java 21 or newer for the launcher (./newsroom), CI (.ci/run) and the benchmark scripts. Sourced, not run:
#
#   . src/bin/find-java.sh
#   home=$(find_java jdk) || exit 1     # a JDK (with javac): to build; `find_java` alone accepts a JRE, to run
#
# Where it looks, in order: JAVA_HOME; the newest Java under the usual JVM folders (NEWSROOM_JVM_DIRS, default
# below); the `java` on the PATH. What it found too old or incomplete is named in the one message it prints when
# nothing fits.

NEWSROOM_MIN_JAVA=21

# The major version of the Java home given (25 for 25.0.3, 8 for 1.8.0), or nothing.
java_major() {
  local home=$1 version=""
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      awk -F'= ' '/java.specification.version/ {print $2; exit}')
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

# The Java homes directly under the folders where JDKs are usually installed (a macOS bundle's Contents/Home too).
java_homes_under_usual_folders() {
  local dirs=${NEWSROOM_JVM_DIRS:-"/usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines $HOME/.sdkman/candidates/java $HOME/.jdks"}
  local dir home
  for dir in $dirs; do
    for home in "$dir"/*/; do
      home=${home%/}
      if [ -x "$home/bin/java" ]; then
        echo "$home"
      elif [ -x "$home/Contents/Home/bin/java" ]; then
        echo "$home/Contents/Home"
      fi
    done
  done
}

# Prints the home of a Java >= NEWSROOM_MIN_JAVA; with `jdk`, only one that has javac. Returns 1, after one message
# on stderr naming what it saw and what to install, when there is none.
find_java() {
  local need=${1:-jre} home major best="" best_major=0 seen=""
  fits() { # home -> whether it is complete enough; sets major
    major=$(java_major "$1")
    [ -x "$1/bin/java" ] && { [ "$need" != jdk ] || [ -x "$1/bin/javac" ]; }
  }
  if [ -n "${JAVA_HOME:-}" ]; then
    if fits "$JAVA_HOME" && [ "${major:-0}" -ge "$NEWSROOM_MIN_JAVA" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
    seen="$seen${seen:+; }JAVA_HOME=$JAVA_HOME (${major:-?})"
  fi
  while IFS= read -r home; do
    if fits "$home"; then
      if [ "${major:-0}" -gt "$best_major" ]; then best=$home; best_major=$major; fi
    fi
    seen="$seen${seen:+; }$home (${major:-?})"
  done < <(java_homes_under_usual_folders)
  if [ "$best_major" -ge "$NEWSROOM_MIN_JAVA" ]; then
    echo "$best"
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if fits "$home" && [ "${major:-0}" -ge "$NEWSROOM_MIN_JAVA" ]; then
      echo "$home"
      return 0
    fi
    seen="$seen${seen:+; }java on the PATH: $home (${major:-?})"
  fi
  local what="Java $NEWSROOM_MIN_JAVA or newer"
  [ "$need" = jdk ] && what="a JDK $NEWSROOM_MIN_JAVA or newer (with javac)"
  {
    echo "newsroom: needs $what: Lucene 10 does not run on older Java."
    echo "  seen: ${seen:-no Java at all}"
    echo "  Install one (a Debian or Ubuntu package such as temurin-21-jdk or openjdk-21-jdk-headless, or any"
    echo "  vendor's JDK 21+), then run again: it is found under /usr/lib/jvm, or set JAVA_HOME to its folder."
  } >&2
  return 1
}
