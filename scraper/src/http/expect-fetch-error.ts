// Test support: the FetchError a fetch fails with (anything else, or success, fails the test).
import { FetchError } from './fetch-error.ts'

export async function expectFetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof FetchError) return error
    throw error
  }
  throw new Error('expected the fetch to fail')
}
