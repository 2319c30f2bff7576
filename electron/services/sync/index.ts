// What other service modules may use of team sync: draining captured changes into this device's ops (the write
// path of services/context.ts). Kept to that one export so the context does not load the whole sync module.
export { recordCapturedOps } from './capture';
