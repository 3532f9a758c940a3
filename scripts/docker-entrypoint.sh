#!/bin/sh
# The image's entry point: no arguments → `stackradar start --role $ROLE`; otherwise the arguments
# are a stackradar command (`sources test hn`, `migrate`, ...).
set -e
if [ "$#" -eq 0 ]; then
  set -- start --role "${ROLE:-all}"
fi
exec node --import tsx cli/src/main.ts "$@"
