// How the source parsers report a zod validation failure in their warnings and errors.
import type { z } from 'zod'

/** "path.to.field: message; …", with `(root)` for an issue about the value itself. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
}
