#!/usr/bin/env bash
# Installs the real RDP servers the probe integration suite runs on loopback
# (__tests__/integration/probe-*.test.ts): xrdp, FreeRDP's shadow server, Xvfb (+ xauth, openssl).
#
# Idempotent: exits at once when every package is already installed; otherwise runs
# `apt-get update` once, then one `apt-get install`. Needs root (or sudo) only when something is missing.
#
# The xrdp package ships a service that listens on *:3389, and its postinst starts it. On Docker-style
# machines /usr/sbin/policy-rc.d (exit 101) forbids that. Where there is none, this script puts one in
# place for the duration of the install (and removes it afterwards), then disables the packaged units
# when systemd is present, so installing test servers never opens a system-wide RDP listener.
set -euo pipefail

PACKAGES=(xrdp freerdp2-shadow-x11 xvfb xauth openssl)

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-rdp-servers: all present (${PACKAGES[*]})"
  exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-rdp-servers: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi

POLICY_RC_D=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY_RC_D" ]; then
  printf '#!/bin/sh\n# temporary, from .ci/install-rdp-servers.sh: no service starts during the install\nexit 101\n' | "${SUDO[@]}" tee "$POLICY_RC_D" >/dev/null
  "${SUDO[@]}" chmod 755 "$POLICY_RC_D"
  trap '"${SUDO[@]}" rm -f "$POLICY_RC_D"' EXIT
fi

echo "install-rdp-servers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"

if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  # Keep the packaged services off across reboots too; the tests start their own servers on loopback.
  "${SUDO[@]}" systemctl disable --now xrdp xrdp-sesman >/dev/null 2>&1 || true
fi

for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || { echo "install-rdp-servers: $pkg is still not installed" >&2; exit 1; }
done
echo "install-rdp-servers: done"
