// Words of the OT report's field-capture parts (issue 15) in both UI languages; the rest is in ../labels.
import type { ReportLanguage } from '../labels';

export interface FieldLabels {
  taxId: string;
  faultDescription: string;
  noFaultDescription: string;
  workDone: string;
  durationReason(reason: string): string;
  checklist: string;
  checklistItem: string;
  answer: string;
  note: string;
  yes: string;
  no: string;
  partsInstalled: string;
  partsRemoved: string;
  part: string;
  photos: string;
  photoUnreadable: string;
  photoNotSynced: string;
  photoAlt(fileName: string): string;
  signatures: string;
  idNumber(id: string): string;
  signedAt(when: string): string;
  staleSignature: string;
  /** The signature's content hash is the report's now. */
  validSignature: string;
  /** What the customer vouches for by signing, above the signatures; the photos only when the report has some. */
  customerStatement(withPhotos: boolean): string;
  signatureAlt(role: string, name: string): string;
  signHere: string;
}

const es: FieldLabels = {
  taxId: 'NIF/CIF',
  faultDescription: 'Avería comunicada',
  noFaultDescription: 'Sin descripción de la avería.',
  workDone: 'Trabajo realizado',
  durationReason: (reason) => `Duración indicada a mano: ${reason}`,
  checklist: 'Lista de comprobación',
  checklistItem: 'Comprobación',
  answer: 'Resultado',
  note: 'Observaciones',
  yes: 'Sí',
  no: 'No',
  partsInstalled: 'Materiales instalados',
  partsRemoved: 'Materiales retirados',
  part: 'Material',
  photos: 'Fotos',
  photoUnreadable: 'No se pudo leer esta foto.',
  photoNotSynced: 'Foto pendiente de sincronizar.',
  photoAlt: (fileName) => `Foto ${fileName}`,
  signatures: 'Firmas',
  idNumber: (id) => `DNI ${id}`,
  signedAt: (when) => `Firmado el ${when}`,
  staleSignature: 'Firma anterior a cambios del informe',
  validSignature: 'Firma válida para este informe',
  customerStatement: (withPhotos) =>
    withPhotos
      ? 'Con su firma, el cliente da su conformidad al trabajo realizado, a los materiales y a las fotos de este informe.'
      : 'Con su firma, el cliente da su conformidad al trabajo realizado y a los materiales de este informe.',
  signatureAlt: (role, name) => `${role}: ${name}`,
  signHere: 'Firma',
};

const en: FieldLabels = {
  taxId: 'Tax ID',
  faultDescription: 'Reported fault',
  noFaultDescription: 'No description of the fault.',
  workDone: 'Work done',
  durationReason: (reason) => `Duration entered by hand: ${reason}`,
  checklist: 'Checklist',
  checklistItem: 'Check',
  answer: 'Result',
  note: 'Remarks',
  yes: 'Yes',
  no: 'No',
  partsInstalled: 'Parts installed',
  partsRemoved: 'Parts removed',
  part: 'Part',
  photos: 'Photos',
  photoUnreadable: 'This photo could not be read.',
  photoNotSynced: 'Photo not synced yet.',
  photoAlt: (fileName) => `Photo ${fileName}`,
  signatures: 'Signatures',
  idNumber: (id) => `ID ${id}`,
  signedAt: (when) => `Signed on ${when}`,
  staleSignature: 'Signed before the report changed',
  validSignature: 'Signature valid for this report',
  customerStatement: (withPhotos) =>
    withPhotos
      ? 'By signing, the customer accepts the work done, the parts and the photos in this report.'
      : 'By signing, the customer accepts the work done and the parts in this report.',
  signatureAlt: (role, name) => `${role}: ${name}`,
  signHere: 'Signature',
};

const TABLES: Record<ReportLanguage, FieldLabels> = { es, en };

export function fieldLabelsFor(language: ReportLanguage): FieldLabels {
  return TABLES[language];
}
