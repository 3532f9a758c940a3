// The page-parse worker thread: runs one parse task per message and answers with its result (plain
// data: structured-cloned back to the main thread) or the error message.
import { parentPort } from 'node:worker_threads'
import { runParseTask, type ParseTask } from './tasks.ts'

const port = parentPort
if (!port) throw new Error('page-parse worker must run in a worker thread')
port.on('message', ({ id, task }: { id: number; task: ParseTask }) => {
  try {
    port.postMessage({ id, ok: true, result: runParseTask(task) })
  } catch (error) {
    port.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
})
// Loaded: the pool starts a page's deadline only now, so start-up time is not charged to a page.
port.postMessage({ ready: true })
