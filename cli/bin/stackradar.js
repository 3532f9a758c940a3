#!/usr/bin/env node
// The `stackradar` command: TypeScript sources run through tsx (no build step for the backend).
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
