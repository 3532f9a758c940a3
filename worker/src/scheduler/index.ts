// The scheduler role (planning scrapes and the recovery sweep); separate from the extract role.
export { Scheduler } from './scheduler.ts'
