#!/usr/bin/env bash
# Regenerates the public-API baselines (PublicAPI.Unshipped.txt) of library projects after a deliberate API change.
#   scripts/update-public-api.sh                      every project with <HelixPublicApi>true</HelixPublicApi>
#   scripts/update-public-api.sh src/Helix.Aig ...    these projects (a folder or a .csproj); a project that has not
#                                                     opted in yet is opted in (the property is added) first
# Unshipped.txt is rebuilt from scratch with the analyzer's own code fix (dotnet format, RS0016/RS0017), so it lists
# exactly the public API that is not in PublicAPI.Shipped.txt; review the diff and commit it. Then the build checks it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

projects=()
if [ $# -eq 0 ]; then
  while IFS= read -r p; do projects+=("$p"); done < <(grep -rl --include='*.csproj' '<HelixPublicApi>true</HelixPublicApi>' src bench tests 2>/dev/null | sort)
else
  for arg in "$@"; do
    if [ -d "$arg" ]; then
      found=("$arg"/*.csproj)
      [ -f "${found[0]}" ] || { echo "update-public-api: no .csproj in $arg" >&2; exit 2; }
      projects+=("${found[0]}")
    elif [ -f "$arg" ]; then projects+=("$arg")
    else echo "update-public-api: $arg is neither a project folder nor a .csproj" >&2; exit 2
    fi
  done
fi
[ ${#projects[@]} -gt 0 ] || { echo "update-public-api: no project has <HelixPublicApi>true</HelixPublicApi>" >&2; exit 2; }

for project in "${projects[@]}"; do
  dir="$(dirname "$project")"
  if ! grep -q '<HelixPublicApi>true</HelixPublicApi>' "$project"; then
    # Opt in: the property goes into the first PropertyGroup.
    sed -i '0,/<PropertyGroup>/s//<PropertyGroup>\n    <HelixPublicApi>true<\/HelixPublicApi>/' "$project"
    echo "$project: opted in (<HelixPublicApi>true</HelixPublicApi>)"
  fi
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  echo "$project: regenerating $dir/PublicAPI.Unshipped.txt ..."
  # The analyzer's code fix adds each undeclared symbol (RS0016) and drops each declared one that is gone (RS0017).
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity warn >/dev/null
  { echo '#nullable enable'; grep -v '^#nullable enable$' "$dir/PublicAPI.Unshipped.txt" | sed '/^$/d' | LC_ALL=C sort -u; } > "$dir/PublicAPI.Unshipped.txt.new"
  mv "$dir/PublicAPI.Unshipped.txt.new" "$dir/PublicAPI.Unshipped.txt"
  echo "$project: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) unshipped, $(($(grep -vc '^#nullable enable$' "$dir/PublicAPI.Shipped.txt" || true))) shipped entries"
done
echo "Now build (warnings are errors): anything still missing fails with RS0016, RS0017 or CS1591 (a missing XML doc)."
