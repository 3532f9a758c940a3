// Where the recorded real responses live in tests: ../shared/data next to the repository (never
// committed; tests that read them skip when the folder is absent).
import { fileURLToPath } from 'node:url'

const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url))

/** Path of a recorded job-board response, e.g. recordedBoardFile('lever.midat.json'). */
export function recordedBoardFile(name: string): string {
  return `${SHARED_DATA}ats-api-fixtures/${name}`
}
