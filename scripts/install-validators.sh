#!/usr/bin/env bash
# Installs the independent tools notegraph's tests run on its output
# (../shared/docs/VALIDATORS.md): Debian packages and npm packages under .tools/.
# Idempotent: does nothing for what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_pkgs=(raptor2-utils serdi python3-rdflib python3-networkx libxml2-utils graphviz postgresql)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d .tools/node_modules/n3 ] || [ ! -d .tools/node_modules/oxigraph ] || [ ! -d .tools/node_modules/graphology-gexf ]; then
  echo "installing npm packages into .tools/"
  (cd .tools && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
fi
