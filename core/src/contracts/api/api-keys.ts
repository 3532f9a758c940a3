// API keys: their scopes and how they are listed. The key itself is shown once at creation and
// stored only as a hash. Browser-safe (zod only).
import { z } from 'zod'

/** read: analytics when not public; reports: report definitions and runs; admin: everything. */
export const API_SCOPES = ['read', 'reports', 'admin'] as const
export type ApiScope = (typeof API_SCOPES)[number]

export const ApiKeyInfo = z
  .object({
    id: z.string().meta({ description: 'public id, also the key prefix after srk_' }),
    name: z.string(),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKeyInfo' })
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>

/** Whether a key with `scopes` may do what needs `needed` (admin may do everything). */
export function scopeAllows(scopes: readonly ApiScope[], needed: ApiScope): boolean {
  return scopes.includes('admin') || scopes.includes(needed)
}
