#!/usr/bin/env bash
# Debian packages the end-to-end and portability tests use. Installed only when missing; needs root (CI is root).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Python's jsonschema: the portability test's independent 2020-12 validator (the test uses the
# PATH's python3 when it has the module, else Debian's).
if ! python3 -c 'import jsonschema' >/dev/null 2>&1 && ! /usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1; then
  missing+=(python3-jsonschema)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-system-deps: missing ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "ensure-system-deps: installing ${missing[*]} from Debian" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
