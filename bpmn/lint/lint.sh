#!/usr/bin/env bash
# Lints every BPMN model in bpmn/ with bpmnlint (recommended rules + Camunda 8.8 compatibility rules).
# Usage: bpmn/lint/lint.sh   (installs the pinned tools from package-lock.json on first use)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
if [ ! -x node_modules/.bin/bpmnlint ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
shopt -s nullglob
models=(../*.bpmn)
if [ ${#models[@]} -eq 0 ]; then
  echo "no .bpmn files in bpmn/" >&2
  exit 1
fi
status=0
for model in "${models[@]}"; do
  echo "bpmnlint ${model#../}"
  # .bpmnlintrc in this folder is picked up from the working directory
  npx --no-install bpmnlint "$model" || status=$?
done
if [ "$status" -eq 0 ]; then
  echo "bpmnlint: ${#models[@]} model(s), 0 problems"
fi
exit "$status"
