// The record is the app's (core/polling/watch/check-record.ts): the relay writes it, the browsers read it, one schema.
export { parseCheckRecord, parseCheckRecordJson, toActionWatch, toCheckRecord, type CheckRecord } from '../../core/polling/watch/check-record';
