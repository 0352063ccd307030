export interface HResultMeaning {
  /** The Windows name support articles use: E_ACCESSDENIED. */
  name: string;
  /** What it means for the action, in plain words. */
  meaning: string;
}

// The Windows codes Defender's failed actions carry most, keyed by the unsigned value (Defender sends the
// signed one: -2147024891 is 0x80070005). Meanings are written for the analyst, not copied from winerror.h.
const meanings = new Map<number, HResultMeaning>([
  [0x80004001, { name: 'E_NOTIMPL', meaning: 'Not implemented: the device does not support this action.' }],
  [0x80004004, { name: 'E_ABORT', meaning: 'The operation was aborted on the device.' }],
  [0x80004005, { name: 'E_FAIL', meaning: 'Unspecified failure: the device reported an error without saying which.' }],
  [0x8000ffff, { name: 'E_UNEXPECTED', meaning: 'Unexpected failure on the device.' }],
  [0x80070002, { name: 'ERROR_FILE_NOT_FOUND', meaning: 'File not found: the file or program the action needs is not on the device.' }],
  [0x80070003, { name: 'ERROR_PATH_NOT_FOUND', meaning: 'Path not found: a folder the action needs does not exist on the device.' }],
  [0x80070005, { name: 'E_ACCESSDENIED', meaning: 'Access denied: the device refused the action, often because another security product or a policy blocks it.' }],
  [0x8007000e, { name: 'E_OUTOFMEMORY', meaning: 'Not enough memory on the device to carry out the action.' }],
  [0x80070015, { name: 'ERROR_NOT_READY', meaning: 'The device is not ready (starting up, shutting down or busy).' }],
  [0x8007001f, { name: 'ERROR_GEN_FAILURE', meaning: 'A component on the device is not working.' }],
  [0x80070020, { name: 'ERROR_SHARING_VIOLATION', meaning: 'The file is in use by another process and could not be touched.' }],
  [0x80070057, { name: 'E_INVALIDARG', meaning: 'Invalid parameter: the device could not accept the request as sent.' }],
  [0x80070070, { name: 'ERROR_DISK_FULL', meaning: 'Not enough disk space on the device.' }],
  [0x80070422, { name: 'ERROR_SERVICE_DISABLED', meaning: 'A service the action needs is disabled on the device.' }],
  [0x8007045b, { name: 'ERROR_SHUTDOWN_IN_PROGRESS', meaning: 'The device was shutting down.' }],
  [0x80070490, { name: 'ERROR_NOT_FOUND', meaning: 'Element not found: what the action refers to is not on the device.' }],
  [0x800704c7, { name: 'ERROR_CANCELLED', meaning: 'The operation was cancelled on the device.' }],
  [0x800705b4, { name: 'ERROR_TIMEOUT', meaning: 'Timeout: the device did not finish the action in time.' }],
  [0x8007139f, { name: 'ERROR_INVALID_STATE', meaning: 'The device or a component is not in a state that allows the action.' }],
  [0x80072ee2, { name: 'ERROR_INTERNET_TIMEOUT', meaning: 'The device’s connection to the Defender service timed out.' }],
  [0x80072ee7, { name: 'ERROR_INTERNET_NAME_NOT_RESOLVED', meaning: 'The device could not resolve the Defender service’s name (DNS or proxy).' }],
  [0x80072efd, { name: 'ERROR_INTERNET_CANNOT_CONNECT', meaning: 'The device could not connect to the Defender service (network, firewall or proxy).' }],
  [0x80072f8f, { name: 'ERROR_INTERNET_SECURE_FAILURE', meaning: 'A TLS error between the device and the Defender service (often a wrong clock or an intercepting proxy).' }],
]);

/** 0x80070005 for -2147024891 or 2147942405: support articles quote HRESULTs in hex. */
export function hresultHex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The code's name and meaning, or undefined for a code not in the table (shown as it is). */
export function hresultMeaning(value: number): HResultMeaning | undefined {
  return Number.isInteger(value) ? meanings.get(value >>> 0) : undefined;
}

/**
 * A failure in a few words, for a board row: "E_ACCESSDENIED: access denied", or the code in hex when it is
 * not one this app knows. The action page explains it in full.
 */
export function hresultReason(value: number): string {
  const meaning = hresultMeaning(value);
  if (!meaning) return `Error ${hresultHex(value)}`;
  const gist = meaning.meaning.split(/[:.]/)[0];
  return `${meaning.name}: ${gist.charAt(0).toLowerCase()}${gist.slice(1)}`;
}
