#!/bin/sh
# The image's entry point: no arguments → `stackradar start --role $ROLE`; otherwise the arguments
# are a stackradar command (`sources test hn`, `migrate`, ...).
set -e
if [ "$#" -eq 0 ]; then
  set -- start --role "${ROLE:-all}"
fi
# A young generation of 64 MB (V8's default is 16): the writer's batches are many short-lived
# objects, and bench:api ingests ~16% more ads/s with it (docs/ARCHITECTURE.md, "Writing").
exec node --max-semi-space-size=64 --import tsx cli/src/main.ts "$@"
