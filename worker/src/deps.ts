// What the worker role's processors and scheduler need from their process: the shared role deps.
import type { RoleDeps } from '@stackradar/core/role-deps'

export type WorkerDeps = RoleDeps
