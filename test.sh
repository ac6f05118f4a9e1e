#!/usr/bin/env bash
# Installs what the tests use (apt packages for the AIG oracles) and runs every test project.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Test projects run side by side on few cores: idle libtorch threads must sleep, not spin.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
"$here/scripts/install-test-tools.sh"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test "$here/Helix.sln" -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line over all test projects.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
