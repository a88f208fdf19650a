#!/usr/bin/env bash
# Lets `apt-get source` fetch Debian's source packages, from the same place
# this machine already gets its binary packages: every enabled apt entry for
# this release (deb822 stanzas and one-line entries alike) is copied with
# Types: deb-src into one file of ours. No host name is written here; each
# comes from the machine's own entry. Safe to run again.
#
# Usage: scripts/setup-deb-src.sh   (needs root, or sudo)
set -euo pipefail

ours=/etc/apt/sources.list.d/cachain-deb-src.sources
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [[ -z $codename ]]; then
  echo "setup-deb-src: /etc/os-release names no VERSION_CODENAME; cannot tell which apt entries are this release's" >&2
  exit 1
fi

# deb822 stanzas: keep those of this release (bookworm, bookworm-updates,
# bookworm-security...) that are enabled and carry binary packages.
from_deb822() {
  awk -v codename="$codename" 'BEGIN { RS = ""; ORS = "\n\n" }
    {
      binary = 0; release = 0; disabled = 0; out = ""
      n = split($0, lines, "\n")
      for (i = 1; i <= n; i++) {
        line = lines[i]
        if (line ~ /^#/) continue
        if (line ~ /^Types:/) { if (line ~ /[[:space:]]deb([[:space:]]|$)/) binary = 1; line = "Types: deb-src" }
        if (line ~ /^Suites:/ && line ~ ("[[:space:]]" codename "([-[:space:]]|$)")) release = 1
        if (line ~ /^Enabled:[[:space:]]*no/) disabled = 1
        out = out line "\n"
      }
      if (binary && release && !disabled) printf "%s\n", out
    }' "$@"
}

# One-line entries: "deb [options] URI suite components..." becomes one stanza.
from_one_line() {
  awk -v codename="$codename" '
    $1 == "deb" {
      i = 2; options = ""
      if ($i ~ /^\[/) { while ($i !~ /\]$/) { options = options " " $i; i++ } options = options " " $i; i++ }
      uri = $i; suite = $(i + 1); components = ""
      for (j = i + 2; j <= NF; j++) components = components " " $j
      if (suite !~ ("^" codename "([-/]|$)")) next
      printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents:%s\n", uri, suite, components
      if (match(options, /signed-by=[^] ]+/)) printf "Signed-By: %s\n", substr(options, RSTART + 10, RLENGTH - 10)
      printf "\n"
    }' "$@"
}

entries=$(
  shopt -s nullglob
  deb822=(/etc/apt/sources.list.d/*.sources)
  one_line=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  deb822=("${deb822[@]/$ours/}")
  for file in "${deb822[@]}"; do [[ -n $file ]] && from_deb822 "$file"; done
  for file in "${one_line[@]}"; do [[ -f $file ]] && from_one_line "$file"; done
  true
)
if [[ -z $entries ]]; then
  echo "setup-deb-src: no enabled apt entry for $codename was found in /etc/apt; cannot derive a deb-src entry" >&2
  exit 1
fi

wanted="# Written by CaChain's scripts/setup-deb-src.sh: this machine's own apt entries,
# as source packages (apt-get source), for building OpenSSL for mingw-w64.
$entries"
# Done already, unless an earlier apt-get update failed after the file was
# written (then apt still knows no source package: update again).
if [[ -f $ours && "$(cat "$ours")" == "$wanted" ]] && [[ -n "$(apt-cache showsrc --only-source openssl 2>/dev/null)" ]]; then
  exit 0
fi

sudo_if_needed=()
if [[ $(id -u) -ne 0 ]]; then sudo_if_needed=(sudo); fi
echo "setup-deb-src: enabling source packages in $ours"
printf '%s\n' "$wanted" | "${sudo_if_needed[@]}" tee "$ours" >/dev/null
"${sudo_if_needed[@]}" apt-get update -qq
