#!/usr/bin/env bash
# Installs what CaChain needs to build and test on Debian or Ubuntu.
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config   # the build
  libssl-dev openssl          # OpenSSL 3: all X.509, PKCS#7, PKCS#12 work, and the real client in tests
  libmsgsl-dev                # Microsoft GSL: spans, narrow, not_null at boundaries
  googletest                  # GoogleTest sources for the native tests
  libgtest-dev
  ca-certificates
  openssh-server              # sshd on 127.0.0.1 for the module's remoting test
  python3                     # a small HTTP server for AIA downloads in the module's tests
  curl nodejs                 # real clients of a PEM bundle in the tests: curl --cacert, node NODE_EXTRA_CA_CERTS
  libnss3-tools               # certutil, which -StoreLocation Nss changes NSS databases with; vfychain in the tests
  chromium                    # a real browser reading an NSS database in the tests (headless)
  default-jdk-headless        # keytool, which -StoreLocation Java changes keystores with; javac and java for the tests' client
  g++-mingw-w64-x86-64-posix  # cross-builds cachain.dll, its tests and OpenSSL for Windows
  binutils-mingw-w64-x86-64   # objdump: what cachain.dll imports
  dpkg-dev                    # apt-get source: OpenSSL's Debian source, for the mingw-w64 build
  wine wine64                 # runs the Windows tests against Wine's crypt32, headless (64-bit only)
  clang libclang-rt-14-dev    # the fuzzers: clang with libFuzzer and its sanitizer runtimes (scripts/fuzz.sh)
  libfuzzer-14-dev
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "setup: every package is installed"
else
  sudo_if_needed=()
  if [[ $(id -u) -ne 0 ]]; then sudo_if_needed=(sudo); fi
  echo "setup: installing ${missing[*]}"
  "${sudo_if_needed[@]}" apt-get update -qq
  "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's source packages, for OpenSSL for mingw-w64 (scripts/build.sh builds it).
"$(dirname "$0")/setup-deb-src.sh"
"$(dirname "$0")/setup-powershell.sh"
"$(dirname "$0")/setup-windows-powershell.sh"
