// The API's back-pressure settings: what the deps give, the config defaults for the rest.
import { envSchema, type ApiLimits } from '@stackradar/core/config'
import type { ApiDeps } from '../deps.ts'

const defaults: ApiLimits = envSchema.parse({})

export const apiLimits = (deps: Pick<ApiDeps, 'limits'>): ApiLimits => ({ ...defaults, ...deps.limits })
