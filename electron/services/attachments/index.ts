// Photos and files on OTs and tickets (issue 15, item 3).
export { addAttachment } from './add';
export { attachmentDto, displayAttachment, listAttachments, originalAttachment } from './read';
export { readDerived, readOriginal, hasOriginal, sha256Hex, sha256HexOffThread, storeOriginal } from './store';
export { withShaLock } from './locks';
