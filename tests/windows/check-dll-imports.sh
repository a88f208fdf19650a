#!/usr/bin/env bash
# Fails when a Windows DLL imports any DLL that is not part of Windows itself:
# cachain.dll must load beside CaChain.dll with nothing else shipped (no
# OpenSSL, libstdc++, libgcc or winpthread DLLs). Prints the DLL's size and
# imports.
#
# Usage: check-dll-imports.sh <objdump> <file.dll>
set -euo pipefail
objdump=$1 dll=$2

# Windows' own DLLs that a mingw-w64 build may import.
allowed='^(kernel32|advapi32|crypt32|ws2_32|bcrypt|user32|gdi32|msvcrt|shell32|ole32|secur32|ncrypt)\.dll$'

imports=$("$objdump" -p "$dll" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
echo "$(basename "$dll"): $(stat -c %s "$dll") bytes; imports: $(echo $imports)"
foreign=$(grep -Ev "$allowed" <<<"$imports" || true)
if [[ -n $foreign ]]; then
  echo "imports DLLs that are not part of Windows: $(echo $foreign)" >&2
  exit 1
fi
