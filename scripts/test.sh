#!/usr/bin/env bash
# The whole test suite: type-check, lint (with import boundaries), build the editor, then
# every vitest project (unit, integration against the fake, browser end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
pnpm typecheck
pnpm lint
pnpm --filter @atelier/web build
pnpm exec vitest run
