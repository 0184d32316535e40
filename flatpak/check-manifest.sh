#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the Flatpak manifest: it parses, the sandbox stays without
# filesystem access, and libxlsxwriter is pinned to a known commit.
#
# Usage: check-manifest.sh MANIFEST [FLATPAK_BUILDER]
# Exit status: 0 on success, 1 on failure, 77 (skipped) when no JSON
# parser is available.

set -u

LIBXLSXWRITER_COMMIT=051a01a2c31eb55fa467964a2c2328cfb8bcbde8

fail() {
    printf 'check-manifest: %s\n' "$*" >&2
    exit 1
}

[ $# -ge 1 ] || fail "usage: $0 MANIFEST [FLATPAK_BUILDER]"
manifest=$1
builder=${2:-}
[ -r "$manifest" ] || fail "cannot read $manifest"

tmpdir=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 1' HUP INT TERM

# flatpak-builder parses the manifest as it would for a build; it only
# warns about unknown keys, so warnings are errors here (they are typos).
checked=$manifest
if [ -z "$builder" ] && command -v flatpak-builder >/dev/null 2>&1; then
    builder=flatpak-builder
fi
if [ -n "$builder" ]; then
    # Run from the temporary directory, where it leaves its state directory.
    case $manifest in
        /*) absolute=$manifest ;;
        *) absolute=$(pwd)/$manifest ;;
    esac
    if ! (cd "$tmpdir" && "$builder" --show-manifest "$absolute") >"$tmpdir/shown.json" 2>"$tmpdir/stderr"; then
        cat "$tmpdir/stderr" >&2
        fail "flatpak-builder cannot parse $manifest"
    fi
    if grep -q . "$tmpdir/stderr"; then
        cat "$tmpdir/stderr" >&2
        fail "flatpak-builder warned about $manifest"
    fi
    checked=$tmpdir/shown.json
else
    echo "check-manifest: flatpak-builder not found, checking the JSON only" >&2
fi

python=
for candidate in /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then
        python=$candidate
        break
    fi
done
if [ -z "$python" ]; then
    echo "check-manifest: no python3 to read the manifest, skipping" >&2
    exit 77
fi

"$python" - "$checked" "$LIBXLSXWRITER_COMMIT" <<'PYTHON'
import json
import sys

path, commit = sys.argv[1], sys.argv[2]
errors = []

try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"check-manifest: {path} is not valid JSON: {e}")

app_id = manifest.get("id") or manifest.get("app-id")
if app_id != "fr.tissage.Tissage":
    errors.append(f"id is {app_id!r}, expected 'fr.tissage.Tissage'")
if manifest.get("command") != "tissage":
    errors.append(f"command is {manifest.get('command')!r}, expected 'tissage'")
for key, value in (("runtime", "org.gnome.Platform"), ("sdk", "org.gnome.Sdk")):
    if manifest.get(key) != value:
        errors.append(f"{key} is {manifest.get(key)!r}, expected {value!r}")

finish_args = manifest.get("finish-args", [])
for arg in finish_args:
    if arg.startswith("--filesystem"):
        errors.append(f"finish-args grant filesystem access ({arg}); "
                      "files must go through the portals")
for arg in ("--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"):
    if arg not in finish_args:
        errors.append(f"finish-args lack {arg}")

modules = [m for m in manifest.get("modules", []) if isinstance(m, dict)]
names = [m.get("name") for m in modules]

xlsx = [m for m in modules if m.get("name") == "libxlsxwriter"]
if not xlsx:
    errors.append("no libxlsxwriter module")
else:
    git = [s for s in xlsx[0].get("sources", []) if s.get("type") == "git"]
    if not git:
        errors.append("libxlsxwriter has no git source")
    elif git[0].get("commit") != commit:
        errors.append(f"libxlsxwriter is pinned to {git[0].get('commit')!r}, "
                      f"expected {commit}")

for module in modules:
    for source in module.get("sources", []):
        if isinstance(source, dict) and source.get("type") == "git" and not source.get("commit"):
            errors.append(f"module {module.get('name')} has a git source "
                          "without a commit")

if not names or names[-1] != "tissage":
    errors.append(f"the last module is {names[-1] if names else None!r}, expected 'tissage'")
elif "libxlsxwriter" in names and names.index("libxlsxwriter") > names.index("tissage"):
    errors.append("libxlsxwriter must be built before tissage")

for error in errors:
    print(f"check-manifest: {error}", file=sys.stderr)
sys.exit(1 if errors else 0)
PYTHON
status=$?
[ $status -eq 0 ] || exit 1
echo "check-manifest: $manifest is fine"
