// Every resource module builds its routes on createRouter(): request validation from the core
// contracts, with one error path — a failed check answers 400 { error: { code, message, param } }
// naming the first parameter at fault, the same body every other API error has.
import { OpenAPIHono } from '@hono/zod-openapi'
import type { z } from 'zod'
import { ErrorBody } from '@stackradar/core/contracts/api'
import { badParam } from './errors.ts'

export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error)
    },
  })
}

function validationError(error: z.ZodError) {
  const issue = error.issues[0]
  const param = String(issue?.path[0] ?? 'query')
  return badParam(param, issue?.message ?? 'invalid')
}

/** The 400 answer every route documents. */
export const badRequest = {
  400: {
    content: { 'application/json': { schema: ErrorBody } },
    description: 'a parameter is missing or invalid; `param` names it',
  },
}

/** One JSON 200 answer of a route. */
export function ok<S extends z.ZodType>(schema: S, description: string) {
  return { 200: { content: { 'application/json': { schema } }, description } }
}
