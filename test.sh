#!/usr/bin/env bash
# Installs what the tests use (apt packages for the AIG oracles) and runs every test project.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
"$here/scripts/install-test-tools.sh"
dotnet test "$here/Helix.sln" -c Release --nologo "$@"
